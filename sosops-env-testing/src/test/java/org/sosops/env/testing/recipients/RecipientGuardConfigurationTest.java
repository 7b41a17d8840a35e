package org.sosops.env.testing.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.AllowlistException;
import org.sosops.env.core.recipients.AllowlistSources;
import org.sosops.env.core.recipients.GuardDecision;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.recipients.RecipientNormalizer;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.testing.environment.FakeEnvironment;
import org.sosops.env.testing.junit.SosOpsEnvironment;
import org.sosops.env.testing.junit.SosOpsTestEnvironment;

class RecipientGuardConfigurationTest {
    @Test
    @SosOpsEnvironment(value = AppEnv.STAGING, allowlistStaff = false,
            set = "SOSOPS_RECIPIENT_ALLOWLIST=(555) 555-0123; Ada@Example.org, @campaign-example.org")
    void readsTheAllowlistVariableOfThePolicy(SosOpsTestEnvironment env) {
        RecipientGuard guard = env.guard();
        assertThat(guard.checkSms("+15555550123").allowed()).isTrue();
        assertThat(guard.checkEmail("ada@example.org").allowed()).isTrue();
        assertThat(guard.checkEmail("field@campaign-example.org").allowed()).isTrue();
        assertThat(guard.checkSms("+15555550124").allowed()).isFalse();
    }

    @Test
    @SosOpsEnvironment(AppEnv.DEV)
    void readsTheAllowlistFileNamedByThePolicy(SosOpsTestEnvironment env, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("allowlist.txt"), "# staff phones\n+1 555 555 0142  # Ada\n\n@example.org\n");
        EnvironmentPolicy policy = FakeEnvironment.builder(AppEnv.DEV)
                .set(AllowlistSources.FILE_VARIABLE, file.toString()).build().policy();
        RecipientGuard guard = RecipientGuard.builder(policy).clock(env.clock()).auditSink(env.audit()).build();
        assertThat(guard.checkSms("(555) 555-0142").allowed()).isTrue();
        assertThat(guard.checkEmail("anyone@example.org").allowed()).isTrue();
        assertThat(guard.checkSms("+15555550143").allowed()).isFalse();
    }






    @Test
    @SosOpsEnvironment(AppEnv.PROD)
    void refusesASendItCannotAuditInProd(SosOpsTestEnvironment env) {
        RecipientGuard guard = RecipientGuard.builder(env.policy()).allowlist(env.allowlist()).clock(env.clock())
                .auditSink(event -> {
                    throw new IllegalStateException("audit table unavailable");
                }).build();
        GuardDecision decision = guard.checkSms(RecipientGuardPolicyTest.STAFF_PHONE);
        assertThat(decision).isInstanceOfSatisfying(GuardDecision.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo(RuleId.RECIPIENT_UNAUTHORIZED);
            assertThat(r.reason()).contains("audit sink failed");
        });
    }

    @Test
    @SosOpsEnvironment(AppEnv.DEV)
    void keepsTheDecisionWhenAnOptionalAuditSinkFailsInDev(SosOpsTestEnvironment env) {
        RecipientGuard guard = RecipientGuard.builder(env.policy()).allowlist(env.allowlist()).clock(env.clock())
                .auditSink(event -> {
                    throw new IllegalStateException("audit table unavailable");
                }).build();
        assertThat(guard.checkSms(RecipientGuardPolicyTest.STAFF_PHONE).allowed()).isTrue();
    }

    @Test
    @SosOpsEnvironment(AppEnv.DEV)
    void decidesTheSameWithTheAuditLogOffInDev(SosOpsTestEnvironment env) {
        RecipientGuard quiet = RecipientGuard.builder(env.policy()).auditing(false)
                .allowlist(FakeAllowlists.unavailable("down")).allowlist(env.allowlist()).build();
        assertThat(quiet.checkSms("+15555550190").allowed()).isTrue();
        assertThat(quiet.checkSms("(555) 555-0190").allowed()).isTrue();
        assertThat(quiet.checkEmail("staff01@example.org").allowed()).isTrue();
        assertThat(quiet.checkEmail("Staff01@example.org").allowed()).isTrue();
        assertThat(quiet.checkSms("+15555550101").allowed()).isFalse();
        assertThat(quiet.checkEmail("voter001@example.org").allowed()).isFalse();
        env.allowlist().goDown("maintenance");
        assertThat(quiet.checkSms("+15555550190")).isInstanceOfSatisfying(GuardDecision.Refused.class,
                refused -> assertThat(refused.reason()).contains("maintenance"));
        assertThat(env.audit().events()).isEmpty();
    }

    @Test
    void rejectsAnUnknownPhoneRegion() {
        assertThatThrownBy(() -> RecipientNormalizer.forRegion("XX")).hasMessageContaining("unknown phone region 'XX'");
        assertThatThrownBy(() -> RecipientGuard.builder(FakeEnvironment.builder(AppEnv.DEV)
                .set(RecipientGuard.REGION_VARIABLE, "Narnia").build().policy()))
                .isInstanceOf(AllowlistException.class).hasMessageContaining(RecipientGuard.REGION_VARIABLE);
    }
}
