package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.Samples;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.env.RealRecipientPolicy;

/**
 * The policy and the recipient guard give one answer to "may this environment message a real
 * (non-allowlisted) person?": where the policy says no, the guard refuses even a fully authorized,
 * labelled send; where it says yes, the guard lets exactly such a send through.
 */
class RealRecipientsOneAnswerTest {
    @ParameterizedTest
    @EnumSource(AppEnv.class)
    @SuppressWarnings("deprecation")
    void thePolicyAndTheGuardAgreeInEveryEnvironment(AppEnv env) {
        Map<String, String> vars = Samples.complete(env);
        vars.put(AllowlistSources.VARIABLE, "+15555550190");
        EnvironmentPolicy policy = EnvironmentPolicy.loader().processEnvironment(vars).ignoreProcessSettings().load();
        RecipientGuard guard = RecipientGuard.builder(policy).build();
        StaffAuthorizations signer = StaffAuthorizations.withAuthSecret(policy.secret("AUTH_SECRET").orElseThrow());
        Instant now = Instant.now();
        String token = signer.sign(new StaffAuthorization("auth-1", "dana@sosops.example.org", "gotv", env, 10,
                now.minusSeconds(60), now.plus(Duration.ofHours(1)), DataLabel.TEST_DATA));

        boolean authorizedLabelledSendPasses = guard.check(Send.sms("+15555550101").forList("gotv")
                .authorizedBy(token).labeled(DataLabel.TEST_DATA)).allowed();
        boolean unlabelledSendPasses = guard.check(Send.sms("+15555550101").forList("gotv").authorizedBy(token)).allowed();

        assertThat(policy.mayMessageRealRecipients()).isEqualTo(authorizedLabelledSendPasses);
        assertThat(policy.realRecipients() == RealRecipientPolicy.WITH_STAFF_AUTHORIZATION).isEqualTo(unlabelledSendPasses);
        assertThat(guard.checkSms("+15555550101").allowed()).as("never without an authorization").isFalse();
        assertThat(policy.realRecipients()).isEqualTo(switch (env) {
            case LOCAL -> RealRecipientPolicy.NEVER;
            case DEV, STAGING -> RealRecipientPolicy.WITH_STAFF_AUTHORIZATION_AND_LABEL;
            case PROD -> RealRecipientPolicy.WITH_STAFF_AUTHORIZATION;
        });
    }
}
