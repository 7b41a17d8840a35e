package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.EnvironmentPolicyLoader;
import org.sosops.env.core.Samples;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.SecretNames;
import org.sosops.env.core.hygiene.SecretValues;
import org.sosops.env.core.hygiene.crossenv.CrossEnvironmentCheck;
import org.sosops.env.core.hygiene.example.ExampleFileCheck;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.Severity;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Variables;

/** The catalog is the default, not a cage: a host names its providers and adds its own variables. */
class OpenCatalogTest {
    static final String STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dcXq";

    @TempDir
    Path dir;

    private static EnvironmentPolicyLoader loader(Map<String, String> vars) {
        return EnvironmentPolicy.loader().processEnvironment(vars).ignoreProcessSettings();
    }

    private static Map<String, String> withoutUpstash(AppEnv env) {
        Map<String, String> vars = Samples.complete(env);
        vars.remove("UPSTASH_REDIS_REST_URL");
        vars.remove("UPSTASH_REDIS_REST_TOKEN");
        return vars;
    }

    private static CatalogVariable stripe() {
        return CatalogVariable.builder("STRIPE_SECRET_KEY").secret().requiredIn(AppEnv.STAGING, AppEnv.PROD)
                .pattern("an sk_live_ or sk_test_ key", "sk_(live|test)_[A-Za-z0-9]{24,}").build();
    }

    @Test
    void withoutAProviderListEveryProvidersVariablesAreRequired() {
        ValidationReport report = loader(withoutUpstash(AppEnv.PROD)).validate();
        assertThat(report.blocking()).extracting(f -> f.variable().orElseThrow())
                .containsExactly("UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN");
    }

    @Test
    void aHostThatUsesNoUpstashIsValidOnceItSaysSoInTheSetting() {
        Map<String, String> vars = withoutUpstash(AppEnv.PROD);
        vars.put("SOSOPS_PROVIDERS", "twilio, sendgrid");
        assertThat(loader(vars).validate().findings()).isEmpty();
    }

    @Test
    void theBuilderCallSaysTheSameAndWinsOverTheSetting() {
        Map<String, String> vars = withoutUpstash(AppEnv.STAGING);
        vars.remove("EMAIL_PROVIDER");
        vars.remove("EMAIL_API_KEY");
        vars.remove("EMAIL_FROM_NAME");
        vars.remove("EMAIL_FROM_EMAIL");
        vars.remove("EMAIL_WEBHOOK_SIGNING_SECRET");
        vars.put("SOSOPS_PROVIDERS", "twilio,sendgrid,upstash");
        assertThat(loader(vars).validate().ok()).isFalse();
        EnvironmentPolicy policy = loader(vars).providers(Provider.TWILIO).load();
        assertThat(policy.catalog().providers()).containsExactly(Provider.TWILIO);
        assertThat(policy.catalog().sendsEmail()).isFalse();
        assertThat(loader(vars).providers("twilio").validate().findings()).isEmpty();
    }

    @Test
    void anUnknownProviderIsValueInvalidAndEveryProviderStaysRequired() {
        Map<String, String> vars = withoutUpstash(AppEnv.DEV);
        vars.put("SOSOPS_PROVIDERS", "twilio,sendgird");
        ValidationReport report = loader(vars).validate();
        assertThat(report.blocking()).extracting(Finding::rule, f -> f.variable().orElseThrow()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RuleId.VALUE_INVALID, "SOSOPS_PROVIDERS"),
                org.assertj.core.groups.Tuple.tuple(RuleId.REQUIRED_MISSING, "UPSTASH_REDIS_REST_URL"),
                org.assertj.core.groups.Tuple.tuple(RuleId.REQUIRED_MISSING, "UPSTASH_REDIS_REST_TOKEN"));
        assertThat(report.blocking().get(0).message()).contains("'sendgird' is not a provider")
                .contains("twilio, sendgrid, postmark, upstash, blob");
        assertThatThrownBy(() -> loader(vars).providers("sms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SOSOPS_PROVIDERS: 'sms' is not a provider");
    }

    @Test
    void theEmailProviderMustBeOneTheHostDeclared() {
        Map<String, String> vars = Samples.complete(AppEnv.DEV);
        vars.put("SOSOPS_PROVIDERS", "twilio,postmark,upstash");
        assertThat(loader(vars).validate().blocking()).extracting(f -> f.variable().orElseThrow()).contains("EMAIL_PROVIDER");
    }

    @Test
    void anUnusedProvidersVariableThatIsSetIsStillHeldToItsFormat() {
        Map<String, String> vars = withoutUpstash(AppEnv.DEV);
        vars.put("SOSOPS_PROVIDERS", "twilio,sendgrid");
        vars.put("UPSTASH_REDIS_REST_URL", "http://plain.example.org");
        assertThat(loader(vars).validate().blocking()).extracting(f -> f.variable().orElseThrow())
                .containsExactly("UPSTASH_REDIS_REST_URL");
    }

    @Test
    void aHostVariableJoinsTheReportAsRequiredFormattedAndSecret() {
        Map<String, String> prod = Samples.complete(AppEnv.PROD);
        assertThat(loader(prod).variable(stripe()).validate().blocking()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.REQUIRED_MISSING);
            assertThat(f.message()).contains("STRIPE_SECRET_KEY is missing; it is required in prod (an sk_live_ or sk_test_ key)");
        });
        prod.put("STRIPE_SECRET_KEY", "changeme");
        assertThat(loader(prod).variable(stripe()).validate().blocking()).extracting(Finding::rule)
                .containsExactly(RuleId.SECRET_WEAK);
        prod.put("STRIPE_SECRET_KEY", "rk_live_Q8v2Lm1Zp0Xw9Yt7Ub6Nc5Md4Ke3");
        assertThat(loader(prod).variable(stripe()).validate().blocking()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
            assertThat(f.message()).isEqualTo("STRIPE_SECRET_KEY must be an sk_live_ or sk_test_ key")
                    .doesNotContain("Q8v2Lm1Zp0Xw9Yt7Ub6Nc5Md4Ke3");
        });
        prod.put("STRIPE_SECRET_KEY", STRIPE_KEY);
        EnvironmentPolicy policy = loader(prod).variable(stripe()).load();
        assertThat(policy.secret("STRIPE_SECRET_KEY")).map(Secret::reveal).contains(STRIPE_KEY);
        assertThatThrownBy(() -> policy.value("STRIPE_SECRET_KEY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(STRIPE_KEY);
        assertThat(loader(Samples.complete(AppEnv.DEV)).variable(stripe()).validate().findings())
                .as("optional in dev").isEmpty();
    }

    @Test
    void aFailedStartUpNeverShowsAHostSecret() {
        Map<String, String> prod = Samples.complete(AppEnv.PROD);
        prod.put("STRIPE_SECRET_KEY", "pk_live_Q8v2Lm1Zp0Xw9Yt7Ub6Nc5Md4Ke3");
        assertThatThrownBy(() -> loader(prod).variable(stripe()).load()).isInstanceOf(EnvironmentPolicyException.class)
                .hasMessageContaining("STRIPE_SECRET_KEY").hasMessageNotContaining("Q8v2Lm1Zp0Xw9Yt7Ub6Nc5Md4Ke3");
    }

    @Test
    void aHostVariableCannotRedefineACanonicalOneOrALibrarySetting() {
        assertThatThrownBy(() -> CatalogVariable.builder("AUTH_SECRET")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("canonical");
        assertThatThrownBy(() -> CatalogVariable.builder("SOSOPS_THING")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogVariable.builder("stripe-key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Catalog.builder().variable(stripe()).variable(stripe()).build())
                .isInstanceOf(CatalogException.class).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> Catalog.builder().variable(CatalogVariable.builder("PAYMENTS_SIGNATURE").build())
                .discover(getClass().getClassLoader()).build())
                .isInstanceOf(CatalogException.class)
                .hasMessage("PAYMENTS_SIGNATURE is declared by " + ContributedVariablesForTests.class.getName() + " and by the host");
        assertThat(Catalog.builder().discover(getClass().getClassLoader()).discover(getClass().getClassLoader()).build()
                .hostVariables()).as("the same contribution found twice is one declaration").hasSize(2);
    }

    @Test
    void aContributedSecretIsASecretWhateverItsNameSays() {
        assertThat(Catalog.defaults().variable("PAYMENTS_SIGNATURE")).isPresent();
        assertThat(SecretNames.isSecret("PAYMENTS_SIGNATURE")).isTrue();
        assertThat(SecretNames.isSecret("PAYMENTS_SIGNATURE", Catalog.canonical())).as("unknown to the seed").isFalse();
        assertThat(SecretValues.of(Variables.of(Map.of("PAYMENTS_SIGNATURE", "Zq8vLm2Xw9Yt7Ub6Nc5Md4Ke3"))))
                .extracting(s -> s.variable()).containsExactly("PAYMENTS_SIGNATURE");
    }

    @Test
    void aContributedSecretSharedBetweenEnvironmentsIsSecretShared() {
        Variables staging = Variables.of(Map.of("APP_ENV", "staging", "PAYMENTS_SIGNATURE", "Zq8vLm2Xw9Yt7Ub6Nc5Md4Ke3"));
        Variables prod = Variables.of(Map.of("APP_ENV", "prod", "PAYMENTS_SIGNATURE", "Zq8vLm2Xw9Yt7Ub6Nc5Md4Ke3"));
        List<Finding> findings = CrossEnvironmentCheck.withRandomSalt().check(Map.of(AppEnv.STAGING, staging, AppEnv.PROD, prod));
        assertThat(findings).extracting(Finding::rule).containsOnly(RuleId.SECRET_SHARED).hasSize(2);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("Zq8vLm2Xw9Yt7Ub6Nc5Md4Ke3"));
        assertThat(CrossEnvironmentCheck.withRandomSalt().withCatalog(Catalog.canonical())
                .check(Map.of(AppEnv.STAGING, staging, AppEnv.PROD, prod))).as("the seed's list alone").isEmpty();
    }

    @Test
    void aContributedIdentitySharedBetweenEnvironmentsIsIdentityShared() {
        Variables dev = Variables.of(Map.of("TENANT_BUCKET", "sosops-files"));
        Variables prod = Variables.of(Map.of("TENANT_BUCKET", "sosops-files"));
        assertThat(CrossEnvironmentCheck.withRandomSalt().check(Map.of(AppEnv.DEV, dev, AppEnv.PROD, prod)))
                .extracting(Finding::rule, f -> f.variable().orElseThrow())
                .containsOnly(org.assertj.core.groups.Tuple.tuple(RuleId.IDENTITY_SHARED, "TENANT_BUCKET"));
    }

    @Test
    void aContributedSecretWithARealLookingValueInTheExampleFileIsExampleSecret() throws Exception {
        Path example = Files.writeString(dir.resolve(".env.example"),
                "PAYMENTS_SIGNATURE=Zq8vLm2Xw9Yt7Ub6Nc5Md4Ke3Hj1Gf0\nTENANT_BUCKET=sosops-files\n");
        assertThat(ExampleFileCheck.check(example)).extracting(Finding::rule, f -> f.variable().orElseThrow())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RuleId.EXAMPLE_SECRET, "PAYMENTS_SIGNATURE"));
        assertThat(ExampleFileCheck.check(example, Catalog.canonical())).as("the seed's list alone").isEmpty();
    }

    @Test
    void aContributedSecretAssignedALiteralInSourceIsHardcodedSecret() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Billing.java"),
                "class Billing {\n    static final String PAYMENTS_SIGNATURE = \"Zr8vQ2kL9xT4mN7pQ9\";\n}\n");
        assertThat(org.sosops.env.core.hygiene.scan.SourceScanner.standard().scan(src).secrets())
                .extracting(s -> s.variable().orElse("-")).containsExactly("PAYMENTS_SIGNATURE");
    }

    @Test
    void twilioWebhookSigningSecretIsSaidToBeUnusedWhenSet() {
        Map<String, String> vars = Samples.complete(AppEnv.STAGING);
        vars.put("TWILIO_WEBHOOK_SIGNING_SECRET", "Hk29xLmQ8vTz3Wn7Yp1Rc5");
        ValidationReport report = loader(vars).validate();
        assertThat(report.ok()).isTrue();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.variable()).contains("TWILIO_WEBHOOK_SIGNING_SECRET");
            assertThat(f.message()).contains("not used").contains("TWILIO_AUTH_TOKEN").doesNotContain("Hk29x");
        });
        assertThat(loader(Samples.complete(AppEnv.STAGING)).validate().findings()).isEmpty();
    }

    @Test
    void theCanonicalCatalogNamesAProviderForEveryProviderVariable() {
        assertThat(CanonicalVariable.TWILIO_AUTH_TOKEN.providers()).containsExactly(Provider.TWILIO);
        assertThat(CanonicalVariable.EMAIL_API_KEY.providers()).containsExactly(Provider.SENDGRID, Provider.POSTMARK);
        assertThat(CanonicalVariable.AUTH_SECRET.providers()).isEmpty();
        assertThat(Catalog.canonical().providersDeclared()).isFalse();
        assertThat(Catalog.canonical().providers()).containsExactlyInAnyOrder(Provider.values());
        assertThat(Provider.parseList("none")).isEmpty();
        assertThat(Optional.of(Catalog.canonical().withProviders(List.of())).map(c -> c.inUse(
                c.variable("TWILIO_AUTH_TOKEN").orElseThrow()))).contains(false);
    }
}
