package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Variables;

/**
 * What the guard's rule alone reports: only what the verifiers would refuse among values that pass
 * their format, and malformed guard settings, each named once. Missing secrets and malformed values
 * are the core rules' findings, so this rule stays silent on them.
 */
class WebhookGuardRuleFindingsTest {
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221190";
    private static final String SHARED_TOKEN = "k2Jx9Lq4Vz7Wm3Np8Rt5xy";

    private static List<Finding> findings(AppEnv env, Map<String, String> variables) {
        return RuleEngine.of(List.of(new WebhookGuardRule())).evaluate(new RuleContext(Optional.ofNullable(env),
                Variables.of(variables), Clock.systemUTC())).findings();
    }

    private static Map<String, String> vars(String... pairs) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            v.put(pairs[i], pairs[i + 1]);
        }
        return v;
    }

    @Test
    void withoutAnEnvironmentThereIsNothingToJudge() {
        assertThat(findings(null, vars("SOSOPS_WEBHOOK_RATE_LIMIT", "lots", "TWILIO_AUTH_TOKEN", TOKEN,
                "APP_URL", "https://ops_app.example.org"))).isEmpty();
    }

    @Test
    void aTokenAndUrlThatPassTheirFormatButNotTheTwilioVerifierAreOneFinding() {
        // Host names may carry '_' by the URL format; java.net.URI, which the verifier uses, finds no host in them.
        List<Finding> found = findings(AppEnv.LOCAL, vars("TWILIO_AUTH_TOKEN", TOKEN, "APP_URL", "https://ops_app.example.org"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
            assertThat(f.variable()).contains("TWILIO_AUTH_TOKEN");
            assertThat(f.message()).startsWith("TWILIO_AUTH_TOKEN / APP_URL cannot verify Twilio signatures: "
                    + "the public base URL must be an absolute http(s) URL (APP_URL)").doesNotContain(TOKEN);
        });
    }

    @Test
    void valuesThatBreakTheirFormatAreLeftToTheFormatCheck() {
        assertThat(findings(AppEnv.LOCAL, vars("TWILIO_AUTH_TOKEN", TOKEN, "APP_URL", "ftp://ops.example.org"))).isEmpty();
        assertThat(findings(AppEnv.LOCAL, vars("EMAIL_PROVIDER", "sendgrid", "EMAIL_WEBHOOK_SIGNING_SECRET", SHARED_TOKEN)))
                .isEmpty();
        assertThat(findings(AppEnv.LOCAL, vars("EMAIL_PROVIDER", "mailgun", "EMAIL_WEBHOOK_SIGNING_SECRET", SHARED_TOKEN)))
                .isEmpty();
    }

    @Test
    void missingSecretsAreLeftToTheCatalogsRequiredCheckInEveryEnvironment() {
        for (AppEnv env : AppEnv.values()) {
            assertThat(findings(env, vars("APP_URL", "https://ops.example.org", "EMAIL_PROVIDER", "sendgrid")))
                    .as(env.id()).isEmpty();
        }
    }

    @Test
    void theEmailProviderChoosesTheVerifierThatJudgesTheSecretSendGridByDefault() {
        assertThat(findings(AppEnv.LOCAL, vars("EMAIL_PROVIDER", "postmark", "EMAIL_WEBHOOK_SIGNING_SECRET", SHARED_TOKEN)))
                .isEmpty();

        List<Finding> unnamedProvider = findings(AppEnv.LOCAL, vars("EMAIL_WEBHOOK_SIGNING_SECRET", SHARED_TOKEN));
        assertThat(unnamedProvider).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
            assertThat(f.variable()).contains("EMAIL_WEBHOOK_SIGNING_SECRET");
            assertThat(f.message()).startsWith("EMAIL_WEBHOOK_SIGNING_SECRET cannot verify sendgrid webhooks: "
                    + "the SendGrid verification key is not a base64 DER ECDSA P-256 public key").doesNotContain(SHARED_TOKEN);
        });
    }

    @Test
    void blankSettingsAreUnsetNotMalformed() {
        assertThat(findings(AppEnv.LOCAL, vars("SOSOPS_WEBHOOK_RATE_LIMIT", " ", "SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST", " ",
                "SOSOPS_WEBHOOK_ALERT_URL", " "))).isEmpty();
    }

    @Test
    void aMalformedSettingIsNamedOnceAtTheStartOfItsMessage() {
        assertThat(findings(AppEnv.LOCAL, vars("SOSOPS_WEBHOOK_RATE_LIMIT", "lots"))).extracting(Finding::message)
                .containsExactly("SOSOPS_WEBHOOK_RATE_LIMIT 'lots' is not <requests>/<period>, e.g. 30/1m or 5/1s");
        assertThat(findings(AppEnv.LOCAL, vars("SOSOPS_WEBHOOK_ALERT_URL", "ftp://hooks.example.org/s3cr3t")))
                .extracting(Finding::message).containsExactly("SOSOPS_WEBHOOK_ALERT_URL is not an absolute http(s) URL "
                        + "with a host (value not shown: alert URLs carry their secret)");
        assertThat(findings(AppEnv.LOCAL, vars("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST", "10.0.0.0/99")))
                .singleElement().satisfies(f -> {
                    assertThat(f.variable()).contains("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST");
                    assertThat(f.message()).startsWith("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST: ")
                            .doesNotStartWith("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST: SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST");
                });
    }
}
