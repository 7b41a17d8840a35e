package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Variables;

/**
 * One source of truth: every configuration the webhook guard refuses at start-up is a finding of
 * {@code check} (which discovers this module's rule), naming the variable to fix.
 */
class WebhookGuardRuleTest {
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221190";
    private static final String P384_KEY = "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEqwNwpKkUVZqDVfilsvD6+Q7k6ZkfLoOgpSZH9SEeNfgemZKMijdB5gTW"
            + "7Mi8SkVeubu6uAlp2VY6omy1G1mis2sUal9BsLV2Sfix+mi0QfRld0gb3HFdW9gYO+7keE+A";

    @TempDir
    Path dir;

    private Map<String, String> base(String env) {
        Map<String, String> v = new HashMap<>();
        v.put("APP_ENV", env);
        v.put("APP_URL", "https://ops.example.org");
        v.put("SOSOPS_WEBHOOK_DATA_DIR", dir.toString());
        return v;
    }

    private static ValidationReport check(Map<String, String> variables) {
        Variables vars = Variables.of(variables);
        return RuleEngine.discover().evaluate(new RuleContext(
                Optional.ofNullable(variables.get("APP_ENV")).flatMap(AppEnv::parse), vars, Clock.systemUTC()));
    }

    /** A policy that skips validation, to see what the guard alone would do with these variables. */
    private static EnvironmentPolicy unchecked(Map<String, String> variables) {
        return EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(variables)
                .rules(RuleEngine.of(List.of())).load();
    }

    static Stream<Arguments> refusedAtStartUp() {
        return Stream.of(
                Arguments.of("dev", Map.of("TWILIO_AUTH_TOKEN", TOKEN, "EMAIL_PROVIDER", "sendgrid"), "EMAIL_WEBHOOK_SIGNING_SECRET"),
                Arguments.of("staging", Map.of("EMAIL_PROVIDER", "postmark", "EMAIL_WEBHOOK_SIGNING_SECRET", "k2Jx9Lq4Vz7Wm3Np8Rt5"),
                        "TWILIO_AUTH_TOKEN"),
                Arguments.of("local", Map.of("SOSOPS_WEBHOOK_RATE_LIMIT", "lots"), "SOSOPS_WEBHOOK_RATE_LIMIT"),
                Arguments.of("local", Map.of("EMAIL_PROVIDER", "postmark", "EMAIL_WEBHOOK_SIGNING_SECRET", "k2Jx9Lq4Vz7Wm3Np8Rt5",
                        "SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST", "10.0.0.0/99"), "SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST"),
                Arguments.of("staging", Map.of("TWILIO_AUTH_TOKEN", TOKEN, "EMAIL_PROVIDER", "postmark",
                        "EMAIL_WEBHOOK_SIGNING_SECRET", "k2Jx9Lq4Vz7Wm3Np8Rt5", "SOSOPS_WEBHOOK_ALERT_URL", "::not a url"),
                        "SOSOPS_WEBHOOK_ALERT_URL"),
                Arguments.of("local", Map.of("EMAIL_PROVIDER", "sendgrid", "EMAIL_WEBHOOK_SIGNING_SECRET", P384_KEY),
                        "EMAIL_WEBHOOK_SIGNING_SECRET"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedAtStartUp")
    void whatTheGuardRefusesAtStartUpCheckReportsNamingTheVariable(String env, Map<String, String> extra, String variable) {
        Map<String, String> v = base(env);
        v.putAll(extra);
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(unchecked(v))).isInstanceOf(RuntimeException.class);
        ValidationReport report = check(v);
        assertThat(report.blocking()).extracting(f -> f.variable().orElse("-")).contains(variable);
        for (String value : extra.values()) {
            if (value.length() > 12) {
                assertThat(report.findings()).extracting(Finding::message).noneMatch(m -> m.contains(value));
            }
        }
    }

    @Test
    void aHostWithoutEmailServesNoEmailEndpointAndNeedsNoEmailSecretEvenWhereVerificationIsStrict() {
        Map<String, String> v = base("staging");
        v.put("TWILIO_AUTH_TOKEN", TOKEN);
        v.put("SOSOPS_PROVIDERS", "twilio");
        assertThat(check(v).blocking()).extracting(f -> f.variable().orElse("-"))
                .doesNotContain("EMAIL_WEBHOOK_SIGNING_SECRET", "EMAIL_PROVIDER");
        WebhookGuard guard = WebhookGuards.fromPolicy(unchecked(v));
        assertThat(guard.paths()).containsExactly(WebhookGuards.TWILIO_INBOUND, WebhookGuards.TWILIO_STATUS);
    }

    @Test
    void aWellConfiguredGuardHasNoFindingOfThisRule() {
        Map<String, String> v = base("local");
        v.put("TWILIO_AUTH_TOKEN", TOKEN);
        v.put("SOSOPS_WEBHOOK_RATE_LIMIT", "30/1m");
        v.put("SOSOPS_WEBHOOK_ALERT_URL", "https://alerts.example.org/hook");
        List<Finding> findings = RuleEngine.of(List.of(new WebhookGuardRule())).evaluate(new RuleContext(
                Optional.of(AppEnv.LOCAL), Variables.of(v), Clock.systemUTC())).findings();
        assertThat(findings).isEmpty();
        assertThat(WebhookGuards.fromPolicy(unchecked(v)).paths()).hasSize(3);
    }

    @Test
    void aMalformedAlertUrlIsReportedByItsNameWithoutTheSecretInItsPath() {
        Map<String, String> v = base("staging");
        v.put("SOSOPS_WEBHOOK_ALERT_URL", "https://hooks.example.org/services/T0KEN-IN-PATH-42 x");
        List<Finding> findings = RuleEngine.of(List.of(new WebhookGuardRule())).evaluate(new RuleContext(
                Optional.of(AppEnv.STAGING), Variables.of(v), Clock.systemUTC())).findings();
        assertThat(findings).anySatisfy(f -> assertThat(f.message()).contains("SOSOPS_WEBHOOK_ALERT_URL"));
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("T0KEN-IN-PATH-42"));
    }
}
