package org.sosops.env.core.rules.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sosops.env.core.Samples;
import org.sosops.env.core.catalog.CanonicalVariable;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.Severity;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

/** The five rules of the core, in every environment. */
class BuiltinRulesTest {
    private static final RuleEngine ENGINE = RuleEngine.builtin();

    private static ValidationReport validate(AppEnv env, Map<String, String> vars) {
        return ENGINE.evaluate(new RuleContext(Optional.ofNullable(env), Variables.of(vars), Clock.systemUTC()));
    }

    private static ValidationReport validateAsDeclared(Map<String, String> vars) {
        Optional<AppEnv> env = Optional.ofNullable(vars.get("APP_ENV")).flatMap(AppEnv::parse);
        return ENGINE.evaluate(new RuleContext(env, Variables.of(vars), Clock.systemUTC()));
    }

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void aCompleteEnvironmentHasNoFindings(AppEnv env) {
        assertThat(validate(env, Samples.complete(env)).findings()).isEmpty();
    }

    @Test
    void theBuiltinRulesComeInReportingOrder() {
        assertThat(ENGINE.rules()).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("AppEnvRule", "ProvidersRule", "RequiredVariablesRule", "FormatRule",
                        "DatabaseSeparationRule", "TwilioSigningSecretRule", "PoolSizeRule");
    }

    // app-env-invalid

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void aMissingAppEnvIsAppEnvInvalid(AppEnv env) {
        ValidationReport report = validateAsDeclared(Samples.with(env, "APP_ENV", null));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.APP_ENV_INVALID);
            assertThat(f.variable()).contains("APP_ENV");
            assertThat(f.message()).contains("APP_ENV is missing");
        });
    }

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void aNonCanonicalAppEnvSuggestsTheClosestNameAndSilencesEnvironmentRules(AppEnv env) {
        String typed = env.id().toUpperCase(java.util.Locale.ROOT);
        ValidationReport report = validateAsDeclared(Samples.with(env, "APP_ENV", typed));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.APP_ENV_INVALID);
            assertThat(f.message()).isEqualTo("APP_ENV '" + typed + "' is not canonical; did you mean " + env.id() + "?");
        });
    }

    @Test
    void productionIsAnsweredWithDidYouMeanProd() {
        ValidationReport report = validateAsDeclared(Samples.with(AppEnv.PROD, "APP_ENV", "production"));
        assertThat(report.findings()).extracting(Finding::message)
                .containsExactly("APP_ENV 'production' is not canonical; did you mean prod?");
    }

    @Test
    void anUnrecognisableAppEnvListsTheFourNames() {
        ValidationReport report = validateAsDeclared(Map.of("APP_ENV", "banana"));
        assertThat(report.findings()).extracting(Finding::message)
                .containsExactly("APP_ENV 'banana' is not canonical; use one of local, dev, staging, prod");
    }

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void anAppEnvThatDisagreesWithTheExpectedEnvironmentIsReported(AppEnv env) {
        AppEnv other = env == AppEnv.PROD ? AppEnv.STAGING : AppEnv.PROD;
        ValidationReport report = validate(env, Samples.with(env, "APP_ENV", other.id()));
        assertThat(report.findings()).filteredOn(f -> f.rule() == RuleId.APP_ENV_INVALID).singleElement()
                .extracting(Finding::message)
                .isEqualTo("APP_ENV is " + other.id() + " but the environment being validated is " + env.id());
    }

    // required-missing

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void everyVariableRequiredInAnEnvironmentIsReportedWhenAbsentOrBlank(AppEnv env) {
        for (String name : Samples.complete(env).keySet()) {
            if (name.equals("APP_ENV")) {
                continue;
            }
            boolean required = org.sosops.env.core.catalog.CanonicalVariable.valueOf(name).requiredIn(env);
            assertThat(required).as(name + " in the sample of " + env).isTrue();
            for (String absent : new String[] {null, "", "   "}) {
                ValidationReport report = validate(env, Samples.with(env, name, absent));
                assertThat(report.findings()).as(name + " = " + absent + " in " + env).singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(RuleId.REQUIRED_MISSING);
                    assertThat(f.variable()).contains(name);
                    assertThat(f.environment()).contains(env.id());
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.message()).startsWith(name + (absent == null ? " is missing" : " is blank"))
                            .contains("required in " + env.id());
                });
            }
        }
    }

    @Test
    void localDoesNotRequireTheDeployedVariables() {
        ValidationReport report = validate(AppEnv.LOCAL, Samples.complete(AppEnv.LOCAL));
        assertThat(report.ok()).isTrue();
        assertThat(Samples.complete(AppEnv.LOCAL)).doesNotContainKeys("DATABASE_URL", "TWILIO_AUTH_TOKEN");
    }

    @Test
    void devRequiresTheEmailWebhookSigningSecretBecauseItsWebhookVerificationIsStrict() {
        ValidationReport report = validate(AppEnv.DEV, Samples.with(AppEnv.DEV, "EMAIL_WEBHOOK_SIGNING_SECRET", null));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.REQUIRED_MISSING);
            assertThat(f.variable()).contains("EMAIL_WEBHOOK_SIGNING_SECRET");
        });
        for (AppEnv env : AppEnv.values()) {
            assertThat(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET.requiredIn(env))
                    .as(env.id()).isEqualTo(env.traits().strictWebhookVerification());
        }
    }

    @Test
    void aBlankOptionalVariableIsValueInvalidNotRequiredMissing() {
        ValidationReport report = validate(AppEnv.DEV, Samples.with(AppEnv.DEV, "BLOB_READ_WRITE_TOKEN", ""));
        assertThat(report.findings()).extracting(Finding::rule).containsExactly(RuleId.VALUE_INVALID);
    }

    @Test
    void aMissingFileLineIsOmittedButAPresentBlankValueKeepsItsLine() {
        Variables vars = Variables.of(Samples.complete(AppEnv.DEV)).toBuilder()
                .put(new VariableValue("LOG_LEVEL", "", Optional.of(Location.of("dev.env", 4)))).build();
        ValidationReport report = ENGINE.evaluate(new RuleContext(Optional.of(AppEnv.DEV), vars, Clock.systemUTC()));
        assertThat(report.findings()).singleElement().extracting(Finding::location)
                .isEqualTo(Optional.of(Location.of("dev.env", 4)));
    }

    // value-invalid and secret-weak

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void aMalformedValueIsValueInvalidInEveryEnvironment(AppEnv env) {
        ValidationReport report = validate(env, Samples.with(env, "LOG_LEVEL", "verbose"));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
            assertThat(f.variable()).contains("LOG_LEVEL");
            assertThat(f.environment()).contains(env.id());
            assertThat(f.message()).isEqualTo("LOG_LEVEL must be one of trace, debug, info, warn, error");
        });
    }

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void aPlaceholderSecretIsSecretWeakInEveryEnvironment(AppEnv env) {
        ValidationReport report = validate(env, Samples.with(env, "AUTH_SECRET", "changeme"));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.SECRET_WEAK);
            assertThat(f.variable()).contains("AUTH_SECRET");
            assertThat(f.message()).isEqualTo("AUTH_SECRET is a placeholder, not a real secret");
        });
    }

    @ParameterizedTest
    @EnumSource(value = AppEnv.class, names = {"STAGING", "PROD"})
    void plainHttpAppUrlIsValueInvalidInStagingAndProd(AppEnv env) {
        ValidationReport report = validate(env, Samples.with(env, "APP_URL", "http://" + env.id() + ".example.org"));
        assertThat(report.findings()).extracting(Finding::rule, Finding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RuleId.VALUE_INVALID, "APP_URL must use https in " + env.id()));
    }

    @ParameterizedTest
    @EnumSource(value = AppEnv.class, names = {"LOCAL", "DEV"})
    void plainHttpAppUrlIsFineInLocalAndDev(AppEnv env) {
        assertThat(validate(env, Samples.with(env, "APP_URL", "http://" + env.id() + ".example.org")).ok()).isTrue();
    }

    @Test
    void formatsAreCheckedEvenWhenTheEnvironmentIsUnknown() {
        ValidationReport report = validateAsDeclared(Map.of("APP_ENV", "qa", "LOG_LEVEL", "loud"));
        assertThat(report.findings()).extracting(Finding::rule)
                .containsExactly(RuleId.APP_ENV_INVALID, RuleId.VALUE_INVALID);
    }

    @Test
    void unknownVariablesAreIgnored() {
        Map<String, String> vars = Samples.complete(AppEnv.DEV);
        vars.put("SOMETHING_ELSE", "whatever");
        vars.put("PATH", "/usr/bin");
        assertThat(validate(AppEnv.DEV, vars).findings()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> vars = Samples.complete(AppEnv.STAGING);
        vars.put("APP_URL", "http://staging.example.org");
        vars.put("AUTH_SECRET", "short");
        vars.remove("TWILIO_AUTH_TOKEN");
        vars.put("DATABASE_URL", "postgresql://u:Xk29vLq8@localhost/sos_ops_dev");
        assertThat(validate(AppEnv.STAGING, vars).findings()).extracting(Finding::rule).containsExactly(
                RuleId.REQUIRED_MISSING, RuleId.VALUE_INVALID, RuleId.SECRET_WEAK,
                RuleId.DATABASE_SEPARATION, RuleId.DATABASE_SEPARATION);
    }

    // database-separation

    @ParameterizedTest
    @EnumSource(AppEnv.class)
    void theDatabaseMustBeNamedAfterTheEnvironment(AppEnv env) {
        AppEnv other = env == AppEnv.DEV ? AppEnv.STAGING : AppEnv.DEV;
        ValidationReport report = validate(env, Samples.with(env, "DATABASE_URL",
                "postgresql://u:Xk29vLq8@db.internal:5432/sos_ops_" + other.id()));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.DATABASE_SEPARATION);
            assertThat(f.message()).isEqualTo("DATABASE_URL names database 'sos_ops_" + other.id() + "'; in "
                    + env.id() + " it must be 'sos_ops_" + env.id() + "'");
            assertThat(f.message()).doesNotContain("Xk29vLq8");
        });
    }

    @ParameterizedTest
    @EnumSource(value = AppEnv.class, names = {"STAGING", "PROD"})
    void stagingAndProdMayNotUseALocalDatabase(AppEnv env) {
        ValidationReport report = validate(env, Samples.with(env, "DATABASE_URL",
                "postgresql://u:Xk29vLq8@127.0.0.1:5432/sos_ops_" + env.id()));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.DATABASE_SEPARATION);
            assertThat(f.message()).contains("points at a local host ('127.0.0.1')");
        });
    }

    @ParameterizedTest
    @EnumSource(value = AppEnv.class, names = {"LOCAL", "DEV"})
    void localAndDevMayUseALocalDatabase(AppEnv env) {
        assertThat(validate(env, Samples.with(env, "DATABASE_URL",
                "postgresql://u:Xk29vLq8@localhost:5432/sos_ops_" + env.id())).findings()).isEmpty();
    }

    @Test
    void anUnparsableDatabaseUrlIsLeftToValueInvalid() {
        ValidationReport report = validate(AppEnv.PROD, Samples.with(AppEnv.PROD, "DATABASE_URL", "mysql://db/sos_ops_dev"));
        assertThat(report.findings()).extracting(Finding::rule).containsExactly(RuleId.VALUE_INVALID);
    }
}
