package org.sosops.env.core.hygiene.crossenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Variables;

class CrossEnvironmentCheckTest {
    private static final String SHARED = "d1eb54aff8b6e646bf27074c5443c8a0";
    private final CrossEnvironmentCheck check = CrossEnvironmentCheck.withSalt(new byte[] {1, 2, 3});

    @Test
    void oneValueUnderDifferentNamesInTwoEnvironmentsIsShared() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, Variables.of(Map.of("APP_ENV", "dev", "AUTH_SECRET", SHARED)),
                AppEnv.PROD, Variables.of(Map.of("APP_ENV", "prod", "TWILIO_AUTH_TOKEN", SHARED))));

        assertThat(findings).extracting(f -> f.rule(), f -> f.environment().orElseThrow(), f -> f.variable().orElseThrow())
                .containsExactly(
                        tuple(RuleId.SECRET_SHARED, "dev", "AUTH_SECRET"),
                        tuple(RuleId.SECRET_SHARED, "prod", "TWILIO_AUTH_TOKEN"));
        assertThat(findings.get(0).message()).contains("TWILIO_AUTH_TOKEN in prod").doesNotContain(SHARED)
                .containsPattern("fingerprint [0-9a-f]{12}\\)");
    }

    @Test
    void databaseUrlsOnOtherHostsWithTheSamePasswordShareASecret() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.STAGING, Variables.of(Map.of("DATABASE_URL",
                        "postgresql://sos:LdeGAPpWSVEAyW9A7aOuHER3@staging-db:5432/sos_ops_staging")),
                AppEnv.PROD, Variables.of(Map.of("DATABASE_URL",
                        "postgres://admin:LdeGAPpWSVEAyW9A7aOuHER3@prod-db/sos_ops_prod"))));

        assertThat(findings).extracting(f -> f.rule(), f -> f.environment().orElseThrow())
                .containsExactly(tuple(RuleId.SECRET_SHARED, "staging"), tuple(RuleId.SECRET_SHARED, "prod"));
        assertThat(findings).allSatisfy(f -> assertThat(f.message())
                .contains("password in DATABASE_URL").doesNotContain("LdeGAPpWSVEAyW9A7aOuHER3"));
    }

    @Test
    void theSameDatabaseHostAndNameIsASharedIdentityNotASharedSecretWhenPasswordsDiffer() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, Variables.of(Map.of("DATABASE_URL", "postgresql://a:Pw1aaaaaaaaaaa@db:5432/sos_ops")),
                AppEnv.STAGING, Variables.of(Map.of("DATABASE_URL", "postgresql://b:Pw2bbbbbbbbbbb@DB:5432/sos_ops"))));

        assertThat(findings).extracting(Finding::rule).containsExactly(RuleId.IDENTITY_SHARED, RuleId.IDENTITY_SHARED);
        assertThat(findings.get(0).message()).contains("host db, database sos_ops").doesNotContain("Pw1");
    }

    @Test
    void identitiesAreComparedAfterNormalisingCaseAndTrailingSlashes() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.STAGING, Variables.of(Map.of("APP_URL", "https://App.example.org/", "EMAIL_FROM_EMAIL", "Ops@x.org",
                        "TWILIO_MESSAGING_SERVICE_SID", "MG6674f3c621aaff82af895057db698a65")),
                AppEnv.PROD, Variables.of(Map.of("APP_URL", "https://app.example.org", "EMAIL_FROM_EMAIL", "ops@x.org",
                        "TWILIO_MESSAGING_SERVICE_SID", "MG6674f3c621aaff82af895057db698a65"))));

        assertThat(findings).extracting(f -> f.variable().orElseThrow()).containsExactlyInAnyOrder(
                "APP_URL", "APP_URL", "EMAIL_FROM_EMAIL", "EMAIL_FROM_EMAIL",
                "TWILIO_MESSAGING_SERVICE_SID", "TWILIO_MESSAGING_SERVICE_SID");
        assertThat(findings).extracting(Finding::rule).containsOnly(RuleId.IDENTITY_SHARED);
    }

    @Test
    void sameNonSecretValuesAndDistinctSecretsAreFine() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, Variables.of(Map.of("LOG_LEVEL", "info", "TWILIO_ACCOUNT_SID", "AC1", "AUTH_SECRET", "one-1111111111")),
                AppEnv.PROD, Variables.of(Map.of("LOG_LEVEL", "info", "TWILIO_ACCOUNT_SID", "AC1", "AUTH_SECRET", "two-2222222222"))));

        assertThat(findings).isEmpty();
    }

    @Test
    void twoVariablesOfOneEnvironmentWithOneValueAreNotACrossEnvironmentFinding() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, Variables.of(Map.of("AUTH_SECRET", SHARED, "TWILIO_AUTH_TOKEN", SHARED))));

        assertThat(findings).isEmpty();
    }
}
