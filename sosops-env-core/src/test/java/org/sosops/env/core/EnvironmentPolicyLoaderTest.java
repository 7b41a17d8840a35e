package org.sosops.env.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Location;

class EnvironmentPolicyLoaderTest {
    private static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path envFile(String name, Map<String, String> vars) throws IOException {
        String text = vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return Files.writeString(dir.resolve(name), text);
    }

    private static EnvironmentPolicyLoader loader() {
        return EnvironmentPolicy.loader().processEnvironment(Map.of()).rules(RuleEngine.builtin()).clock(NOV_22);
    }

    @Test
    void loadsAValidEnvironmentIntoAnImmutablePolicy() throws IOException {
        Path file = envFile("prod.env", Samples.complete(AppEnv.PROD));
        EnvironmentPolicy policy = loader().envFile(file).load();
        assertThat(policy.environment()).isEqualTo(AppEnv.PROD);
        assertThat(policy.traits()).isEqualTo(AppEnv.PROD.traits());
        assertThat(policy.requiresStrictWebhookVerification()).isTrue();
        assertThat(policy.rateLimitingEnabled()).isTrue();
        assertThat(policy.alertsOnWebhookFailures()).isTrue();
        assertThat(policy.strictRbac()).isTrue();
        assertThat(policy.auditAlwaysOn()).isTrue();
        assertThat(policy.mayMessageRealRecipients()).isTrue();
        assertThat(policy.value("APP_URL")).contains("https://prod.sosops.example.org");
        assertThat(policy.secret("TWILIO_AUTH_TOKEN")).map(Secret::reveal).contains(Samples.TWILIO_AUTH_TOKEN);
        assertThat(policy.report().findings()).isEmpty();
        assertThat(policy.variables().get("APP_URL").orElseThrow().location()).contains(Location.of(file.toString(), 2));
        assertThatThrownBy(() -> policy.variables().asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(policy.toString()).isEqualTo("EnvironmentPolicy[prod, " + Samples.complete(AppEnv.PROD).size() + " variables]");
    }

    @Test
    void localTraitsAreTheRelaxedOnes() {
        EnvironmentPolicy policy = loader().processEnvironment(Samples.complete(AppEnv.LOCAL)).load();
        assertThat(policy.requiresStrictWebhookVerification()).isFalse();
        assertThat(policy.rateLimitingEnabled()).isFalse();
        assertThat(policy.mayMessageRealRecipients()).isFalse();
    }

    @Test
    void refusesToHandOutASecretAsAPlainValue() {
        EnvironmentPolicy policy = loader().processEnvironment(Samples.complete(AppEnv.LOCAL)).load();
        assertThatThrownBy(() -> policy.value("AUTH_SECRET")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AUTH_SECRET is a secret; read it with secret(\"AUTH_SECRET\")")
                .hasMessageNotContaining(Samples.AUTH_SECRET);
    }

    @Test
    void throwsOneExceptionWhoseMessageIsTheWholeReport() throws IOException {
        Map<String, String> vars = Samples.complete(AppEnv.STAGING);
        vars.put("AUTH_SECRET", "changeme");
        vars.put("LOG_LEVEL", "loud");
        vars.remove("TWILIO_AUTH_TOKEN");
        Path file = envFile("staging.env", vars);
        assertThatThrownBy(() -> loader().envFile(file).load())
                .isInstanceOfSatisfying(EnvironmentPolicyException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Environment policy check failed for staging:\n"
                            + "error [required-missing] (staging) TWILIO_AUTH_TOKEN is missing; it is required in staging (32 hex characters)\n"
                            + file + ":3: error [secret-weak] (staging) AUTH_SECRET is a placeholder, not a real secret\n"
                            + file + ":4: error [value-invalid] (staging) LOG_LEVEL must be one of trace, debug, info, warn, error\n"
                            + "3 problems");
                    assertThat(e.report()).get().extracting(r -> r.findings().size()).isEqualTo(3);
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void anUnknownEnvironmentNeverLoads() {
        assertThatThrownBy(() -> loader().processEnvironment(Map.of("APP_ENV", "production")).load())
                .isInstanceOf(EnvironmentPolicyException.class)
                .hasMessage("Environment policy check failed for an unknown environment:\n"
                        + "error [app-env-invalid] APP_ENV 'production' is not canonical; did you mean prod?\n1 problem");
    }

    @Test
    void laterFilesWinAndTheProcessEnvironmentOnlyFillsGaps() throws IOException {
        Map<String, String> base = Samples.complete(AppEnv.DEV);
        base.put("LOG_LEVEL", "verbose");
        base.remove("EMAIL_FROM_NAME");
        Path first = envFile("base.env", base);
        Path second = envFile("override.env", Map.of("LOG_LEVEL", "debug"));
        EnvironmentPolicy policy = loader().envFile(first).envFile(second)
                .processEnvironment(Map.of("EMAIL_FROM_NAME", "From The Process", "LOG_LEVEL", "error"))
                .load();
        assertThat(policy.value("LOG_LEVEL")).contains("debug");
        assertThat(policy.variables().get("LOG_LEVEL").orElseThrow().location()).contains(Location.of(second.toString(), 1));
        assertThat(policy.value("EMAIL_FROM_NAME")).contains("From The Process");
        assertThat(policy.variables().get("EMAIL_FROM_NAME").orElseThrow().location()).isEmpty();
    }

    @Test
    void readsFilesNamedBySosopsEnvFileUnlessToldToIgnoreProcessSettings() throws IOException {
        Path file = envFile("dev.env", Samples.complete(AppEnv.DEV));
        Map<String, String> process = Map.of(EnvironmentPolicyLoader.ENV_FILE_SETTING, " " + file + " ,");
        assertThat(loader().processEnvironment(process).load().environment()).isEqualTo(AppEnv.DEV);
        assertThatThrownBy(() -> loader().processEnvironment(process).ignoreProcessSettings().load())
                .hasMessageContaining("APP_ENV is missing");
    }

    @Test
    void anUnreadableFileIsAnExceptionNamingFileAndLine() throws IOException {
        Path malformed = Files.writeString(dir.resolve("bad.env"), "APP_ENV=dev\nAUTH_SECRET Zk29x\n");
        assertThatThrownBy(() -> loader().envFile(malformed).load()).isInstanceOf(EnvironmentPolicyException.class)
                .hasMessage("Environment configuration cannot be read: " + malformed + ":2: expected NAME=value")
                .hasMessageNotContaining("Zk29x");
        Path missing = dir.resolve("missing.env");
        assertThatThrownBy(() -> loader().envFile(missing).load())
                .hasMessage("Environment configuration cannot be read: " + missing + ": file not found");
    }

    @Test
    void expectEnvironmentValidatesAsThatEnvironment() {
        assertThatThrownBy(() -> loader().processEnvironment(Samples.complete(AppEnv.DEV)).expectEnvironment(AppEnv.PROD).load())
                .isInstanceOfSatisfying(EnvironmentPolicyException.class, e -> assertThat(e.report().orElseThrow().findings())
                        .extracting(Finding::rule).contains(RuleId.APP_ENV_INVALID, RuleId.DATABASE_SEPARATION));
    }

    @Test
    void theRegisterWaivesFindingsAndTheWaiverStaysInThePolicysReport() throws IOException {
        Path register = Files.writeString(dir.resolve("RISKS_DECISIONS.md"), """
                ## RD-7 verbose logs in dev
                - Rule: value-invalid
                - Environment: dev
                - Variable: LOG_LEVEL
                - Rationale: debugging a vendor issue
                - Expires: 2026-12-01
                - Rollback plan: set LOG_LEVEL=info
                - Approved by: Dana (2026-11-21)
                """);
        Map<String, String> vars = Samples.with(AppEnv.DEV, "LOG_LEVEL", "verbose");
        EnvironmentPolicy policy = loader().processEnvironment(vars).register(register).load();
        assertThat(policy.report().findings()).singleElement().satisfies(f -> assertThat(f.isWaived()).isTrue());
        Clock december = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> loader().processEnvironment(vars).register(register).clock(december).load())
                .hasMessageContaining("expired on 2026-12-01");
    }

    @Test
    void aMissingRegisterIsAnException() {
        Path missing = dir.resolve("RISKS_DECISIONS.md");
        assertThatThrownBy(() -> loader().processEnvironment(Samples.complete(AppEnv.LOCAL)).register(missing).load())
                .isInstanceOf(EnvironmentPolicyException.class)
                .hasMessage("Exception register cannot be read: " + missing + ": exception register not found");
    }

    @Test
    void validateReturnsTheReportWithoutThrowingForFindings() {
        assertThat(loader().processEnvironment(Map.of("APP_ENV", "dev")).validate().ok()).isFalse();
    }
}
