package org.sosops.env.core.rules.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.Samples;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.Provider;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.Severity;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Variables;

/** The providers rule, the unused Twilio signing secret, and the edges of the APP_ENV and database rules. */
class ProvidersAndEdgeRulesTest {
    private static final RuleEngine ENGINE = RuleEngine.builtin();

    private static ValidationReport validate(AppEnv env, Map<String, String> vars) {
        Variables variables = Variables.of(vars);
        return ENGINE.evaluate(new RuleContext(Optional.ofNullable(env), variables, Clock.systemUTC(),
                Catalog.forVariables(variables)));
    }

    @Test
    void theBuiltinRulesAreTheEnginesBuiltinRules() {
        List<String> builtin = BuiltinRules.all().stream().map(r -> r.getClass().getSimpleName()).toList();
        assertThat(builtin).isEqualTo(ENGINE.rules().stream().map(r -> r.getClass().getSimpleName()).toList());
    }

    @Test
    void aMalformedProviderListIsValueInvalidAndEveryProviderStaysRequired() {
        ValidationReport report = validate(AppEnv.DEV, Samples.with(AppEnv.DEV, Provider.SETTING, "twilio,carrier-pigeon"));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
            assertThat(f.variable()).contains(Provider.SETTING);
            assertThat(f.environment()).contains("dev");
            assertThat(f.message()).startsWith("SOSOPS_PROVIDERS: ")
                    .endsWith("; until it is fixed every provider's variables are required");
        });
        assertThat(validate(AppEnv.DEV, Samples.with(AppEnv.DEV, Provider.SETTING, " ")).findings()).isEmpty();
    }

    @Test
    void theEmailProviderMustBeOneOfTheHostsProviders() {
        Map<String, String> vars = Samples.with(AppEnv.DEV, Provider.SETTING, "twilio,postmark,upstash");
        ValidationReport report = validate(AppEnv.DEV, vars);
        assertThat(report.findings()).filteredOn(f -> f.variable().equals(Optional.of("EMAIL_PROVIDER")))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
                    assertThat(f.environment()).contains("dev");
                    assertThat(f.message()).startsWith("EMAIL_PROVIDER is sendgrid but the host's providers "
                            + "(SOSOPS_PROVIDERS) are ").endsWith("; make them agree");
                });
        assertThat(validate(AppEnv.DEV, Samples.with(AppEnv.DEV, Provider.SETTING, "twilio,sendgrid,upstash"))
                .findings()).isEmpty();
    }

    @Test
    void anEmailProviderIsNotCheckedForAHostThatSendsNoEmail() {
        Map<String, String> vars = Samples.with(AppEnv.LOCAL, Provider.SETTING, "twilio");
        vars.put("EMAIL_PROVIDER", "sendgrid");
        assertThat(validate(AppEnv.LOCAL, vars).findings()).isEmpty();
        vars.put("EMAIL_PROVIDER", "twilio");
        assertThat(validate(AppEnv.LOCAL, vars).findings()).noneMatch(f -> f.message().contains("make them agree"));
    }

    @Test
    void anUnusedTwilioSigningSecretIsAWarningNamingTheTokenThatIsUsed() {
        Map<String, String> vars = Samples.with(AppEnv.PROD, "TWILIO_WEBHOOK_SIGNING_SECRET", "whsec-unused-0123456789");
        ValidationReport report = validate(AppEnv.PROD, vars);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
            assertThat(f.variable()).contains("TWILIO_WEBHOOK_SIGNING_SECRET");
            assertThat(f.environment()).contains("prod");
            assertThat(f.message()).contains("verified with TWILIO_AUTH_TOKEN");
        });
        assertThat(report.ok()).isTrue();
        assertThat(validate(AppEnv.PROD, Samples.with(AppEnv.PROD, "TWILIO_WEBHOOK_SIGNING_SECRET", " ")).findings())
                .noneMatch(f -> f.severity() == Severity.WARNING);
    }

    @Test
    void aBlankAppEnvIsMissing() {
        ValidationReport report = validate(null, Samples.with(AppEnv.LOCAL, "APP_ENV", "  "));
        assertThat(report.findings()).singleElement().satisfies(f ->
                assertThat(f.message()).isEqualTo("APP_ENV is missing; set it to one of local, dev, staging, prod"));
    }

    @Test
    void showsAtMost32CharactersOfANonCanonicalAppEnv() {
        String exactly32 = "q".repeat(32);
        assertThat(message(validate(null, Samples.with(AppEnv.LOCAL, "APP_ENV", exactly32))))
                .startsWith("APP_ENV '" + exactly32 + "' is not canonical");
        assertThat(message(validate(null, Samples.with(AppEnv.LOCAL, "APP_ENV", exactly32 + "q"))))
                .startsWith("APP_ENV '" + exactly32 + "…' is not canonical");
    }

    @Test
    void namesTheLocalSocketWhenTheDatabaseUrlHasNoHost() {
        ValidationReport report = validate(AppEnv.PROD, Samples.with(AppEnv.PROD, "DATABASE_URL",
                "postgresql:///sos_ops_prod"));
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("DATABASE_URL points at a local host ('(none: the local socket)'); prod needs its own database server"));
    }

    @Test
    void aBlankDatabaseUrlIsLeftToTheRequiredRule() {
        assertThat(validate(AppEnv.DEV, Samples.with(AppEnv.DEV, "DATABASE_URL", " ")).findings())
                .extracting(Finding::rule).doesNotContain(RuleId.DATABASE_SEPARATION);
    }

    private static String message(ValidationReport report) {
        assertThat(report.findings()).hasSize(1);
        return report.findings().get(0).message();
    }
}
