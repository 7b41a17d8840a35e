package org.sosops.env.spring.boot;

import java.time.Clock;
import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.webhooks.WebhookGuard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The actuator health contributor {@code sosopsEnv} (bean {@value #BEAN}). */
@AutoConfiguration(after = {SosOpsPolicyAutoConfiguration.class, SosOpsFlagsAutoConfiguration.class,
        SosOpsWebhooksAutoConfiguration.class})
@ConditionalOnClass({HealthIndicator.class, FlagResolver.class, WebhookGuard.class})
public class SosOpsHealthAutoConfiguration {
    /** Actuator names the contributor after the bean, minus "HealthIndicator": {@code sosopsEnv}. */
    public static final String BEAN = "sosopsEnvHealthIndicator";

    @Bean(BEAN)
    @ConditionalOnMissingBean(name = BEAN)
    public SosOpsHealthIndicator sosopsEnvHealthIndicator(EnvironmentPolicy policy, ObjectProvider<WebhookGuard> webhooks,
                                                          ObjectProvider<FlagResolver> flags,
                                                          ObjectProvider<SosOpsFlagStore> flagStore,
                                                          SosOpsProperties properties) {
        boolean hasStore = Optional.ofNullable(flagStore.getIfUnique()).flatMap(SosOpsFlagStore::store).isPresent();
        return new SosOpsHealthIndicator(policy, Optional.ofNullable(webhooks.getIfUnique()),
                Optional.ofNullable(flags.getIfUnique()), hasStore, properties.health().maxFlagAge(), Clock.systemUTC());
    }
}
