package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.Samples;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;

/** What {@link RecipientGuard#builder(EnvironmentPolicy)} takes from the policy's variables. */
class RecipientGuardFromPolicyTest {
    private static EnvironmentPolicy policy(AppEnv env, Map<String, String> extra) {
        Map<String, String> vars = Samples.complete(env);
        vars.putAll(extra);
        return EnvironmentPolicy.loader().processEnvironment(vars).ignoreProcessSettings().load();
    }

    @Test
    void readsTheAllowlistVariableOfThePolicy() {
        RecipientGuard guard = RecipientGuard.builder(policy(AppEnv.STAGING, Map.of(AllowlistSources.VARIABLE,
                "(555) 555-0123; Ada@Example.org, @campaign-example.org"))).build();
        assertThat(guard.checkSms("+15555550123").allowed()).isTrue();
        assertThat(guard.checkEmail("ada@example.org").allowed()).isTrue();
        assertThat(guard.checkEmail("field@campaign-example.org").allowed()).isTrue();
        assertThat(guard.checkSms("+15555550124").allowed()).isFalse();
        assertThat(guard).hasToString("RecipientGuard[staging, 1 allowlist sources]");
    }

    @Test
    void readsTheAllowlistFileNamedByThePolicy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("allowlist.txt"), "+1 555 555 0142\n@example.org\n");
        RecipientGuard guard = RecipientGuard.builder(policy(AppEnv.DEV,
                Map.of(AllowlistSources.FILE_VARIABLE, " " + file + " "))).build();
        assertThat(guard.checkSms("(555) 555-0142").allowed()).isTrue();
        assertThat(guard.checkEmail("anyone@example.org").allowed()).isTrue();
        assertThat(guard.checkSms("+15555550143").allowed()).isFalse();
        assertThat(refused(guard.checkSms("+15555550143"))).contains("add them to file " + file + ")");
    }

    @Test
    void addsNoSourceForABlankAllowlistVariable() {
        RecipientGuard guard = RecipientGuard.builder(policy(AppEnv.DEV, Map.of(AllowlistSources.VARIABLE, " "))).build();
        assertThat(guard).hasToString("RecipientGuard[dev, 0 allowlist sources]");
    }

    @Test
    void readsNumbersInThePolicysDefaultRegion() {
        RecipientGuard.Builder builder = RecipientGuard.builder(policy(AppEnv.DEV,
                Map.of(RecipientGuard.REGION_VARIABLE, "GB", AllowlistSources.VARIABLE, "020 7946 0018")));
        assertThat(builder.normalizer().defaultRegion()).isEqualTo("GB");
        assertThat(builder.build().checkSms("+442079460018").allowed()).isTrue();
        assertThat(RecipientGuard.builder(policy(AppEnv.DEV, Map.of())).normalizer().defaultRegion()).isEqualTo("US");
    }

    @Test
    void namesTheRegionVariableWhenItsValueIsNoRegion() {
        assertThatThrownBy(() -> RecipientGuard.builder(policy(AppEnv.DEV, Map.of(RecipientGuard.REGION_VARIABLE, "Narnia"))))
                .isInstanceOf(AllowlistException.class)
                .hasMessageStartingWith("SOSOPS_RECIPIENT_DEFAULT_REGION: unknown phone region 'Narnia'")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifiesAuthorizationsWithThePolicysAuthSecret() {
        Instant now = Instant.now();
        StaffAuthorization grant = new StaffAuthorization("auth-9", "maria.ops", "gotv", AppEnv.PROD, 1,
                now.minusSeconds(60), now.plusSeconds(3600), DataLabel.AUTHORIZED_REAL_DATA);
        RecipientGuard guard = RecipientGuard.builder(policy(AppEnv.PROD, Map.of())).build();
        String right = StaffAuthorizations.withAuthSecret(Secret.of(Samples.AUTH_SECRET)).sign(grant);
        String wrong = StaffAuthorizations.withAuthSecret(Secret.of("some-other-secret-0123456789abcdef")).sign(grant);
        assertThat(guard.check(Send.sms("+15555550101").forList("gotv").authorizedBy(right)).allowed()).isTrue();
        assertThat(refused(guard.check(Send.sms("+15555550101").forList("gotv").authorizedBy(wrong))))
                .contains("signature does not match");
    }

    private static String refused(GuardDecision decision) {
        assertThat(decision).isInstanceOf(GuardDecision.Refused.class);
        return ((GuardDecision.Refused) decision).reason();
    }
}
