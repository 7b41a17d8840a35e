package org.sosops.env.testing.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.catalog.CanonicalVariable;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.ValidationReport;

class FakeEnvironmentTest {

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void passesTheRealPolicyValidationInEveryEnvironment(AppEnv env) {
        FakeEnvironment fake = FakeEnvironment.of(env);
        ValidationReport report = fake.validate();
        assertThat(report.findings()).isEmpty();
        EnvironmentPolicy policy = fake.policy();
        assertThat(policy.environment()).isEqualTo(env);
        for (CanonicalVariable variable : CanonicalVariable.values()) {
            if (variable.requiredIn(env)) {
                assertThat(fake.value(variable.name())).as(variable.name()).isPresent();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = AppEnv.class, names = {"STAGING", "PROD"})
    void passesWithSendGridAndARealVerificationKey(AppEnv env) {
        FakeEnvironment fake = FakeEnvironment.builder(env).emailProvider("sendgrid").build();
        assertThat(fake.validate().findings()).isEmpty();
        assertThat(fake.sendGridSigningKey()).isPresent();
    }

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void reportsEachBreakageWithItsRule(AppEnv env) {
        for (Breakage breakage : Breakage.values()) {
            FakeEnvironment broken = FakeEnvironment.builder(env).broken(breakage).build();
            List<Finding> findings = broken.validate().findings();
            assertThat(findings).as(breakage + " in " + env).extracting(Finding::rule).contains(breakage.expectedRule());
            assertThatThrownBy(broken::policy).isInstanceOf(EnvironmentPolicyException.class);
        }
    }

    @Test
    void neverSharesASecretOrAnIdentityBetweenEnvironmentsOrInstances() {
        Map<AppEnv, FakeEnvironment> all = FakeEnvironment.allFour();
        List<FakeEnvironment> fakes = new java.util.ArrayList<>(all.values());
        fakes.add(FakeEnvironment.of(AppEnv.STAGING));
        for (String name : List.of("AUTH_SECRET", "TWILIO_AUTH_TOKEN", "EMAIL_API_KEY", "EMAIL_WEBHOOK_SIGNING_SECRET",
                "UPSTASH_REDIS_REST_TOKEN", "TWILIO_MESSAGING_SERVICE_SID", "EMAIL_FROM_EMAIL", "DATABASE_URL")) {
            Set<String> seen = new HashSet<>();
            for (FakeEnvironment fake : fakes) {
                fake.value(name).ifPresent(value -> assertThat(seen.add(value)).as(name + " repeated").isTrue());
            }
        }
    }

    @Test
    void appliesSetAndUnsetAfterTheGeneratedValues() {
        FakeEnvironment fake = FakeEnvironment.builder(AppEnv.DEV).set("LOG_LEVEL", "trace").unset("EMAIL_FROM_NAME").build();
        assertThat(fake.value("LOG_LEVEL")).contains("trace");
        assertThat(fake.variables().isPresent("EMAIL_FROM_NAME")).isFalse();
        assertThat(fake.validate().findings()).extracting(f -> f.rule().id()).containsExactly("required-missing");
    }

    @Test
    void neverShowsASecretInItsDescription() {
        FakeEnvironment fake = FakeEnvironment.of(AppEnv.PROD);
        assertThat(fake.toString()).doesNotContain(fake.authSecret().reveal());
        assertThat(fake.variables().toString()).doesNotContain(fake.authSecret().reveal());
    }

    @Test
    void writesADotEnvFileThatLoadsToTheSamePolicy(@TempDir Path dir) {
        FakeEnvironment fake = FakeEnvironment.of(AppEnv.STAGING);
        Path file = fake.writeDotEnv(dir.resolve("staging.env"));
        EnvironmentPolicy policy = EnvironmentPolicy.loader().processEnvironment(Map.of()).ignoreProcessSettings()
                .envFile(file).load();
        assertThat(policy.variables().toPlainMap()).isEqualTo(fake.asMap());
    }

    @Test
    void leavesTheProcessEnvironmentAlone() {
        Map<String, String> before = Map.copyOf(System.getenv());
        FakeEnvironment.of(AppEnv.PROD).policy();
        assertThat(System.getenv()).isEqualTo(before);
    }
}
