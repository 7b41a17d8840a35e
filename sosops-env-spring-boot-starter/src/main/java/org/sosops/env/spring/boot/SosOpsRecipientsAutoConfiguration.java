package org.sosops.env.spring.boot;

import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.recipients.AllowlistSource;
import org.sosops.env.core.recipients.AuditSink;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.recipients.StaffAuthorizations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link RecipientGuard} asked before every outbound SMS or e-mail: environment, {@code AUTH_SECRET}
 * and the allowlists of {@code SOSOPS_RECIPIENT_ALLOWLIST(_FILE)} from the policy, with the host's
 * {@link AllowlistSource}, {@link AuditSink} and {@link StaffAuthorizations} beans when it has them.
 */
@AutoConfiguration(after = SosOpsPolicyAutoConfiguration.class)
public class SosOpsRecipientsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RecipientGuard sosOpsRecipientGuard(EnvironmentPolicy policy, ObjectProvider<AllowlistSource> allowlists,
                                               ObjectProvider<AuditSink> auditSinks,
                                               ObjectProvider<StaffAuthorizations> authorizations) {
        RecipientGuard.Builder builder = RecipientGuard.builder(policy);
        allowlists.ifUnique(builder::allowlist);
        auditSinks.ifUnique(builder::auditSink);
        authorizations.ifUnique(builder::authorizations);
        return builder.build();
    }
}
