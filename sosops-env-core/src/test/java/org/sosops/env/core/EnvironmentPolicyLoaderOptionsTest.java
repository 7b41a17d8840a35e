package org.sosops.env.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.catalog.Provider;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.RuleId;

/** The loader's options: the catalog it validates against, its env files, the expected environment. */
class EnvironmentPolicyLoaderOptionsTest {
    private static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final CatalogVariable STRIPE = CatalogVariable.builder("STRIPE_SECRET_KEY").secret()
            .requiredIn(AppEnv.PROD).build();

    @TempDir
    Path dir;

    private static EnvironmentPolicyLoader loader(Map<String, String> process) {
        return EnvironmentPolicy.loader().processEnvironment(process).ignoreProcessSettings()
                .rules(RuleEngine.builtin()).clock(NOV_22);
    }

    @Test
    void validatesAgainstTheDefaultCatalogNarrowedBySosopsProviders() {
        EnvironmentPolicy all = loader(Samples.complete(AppEnv.LOCAL)).load();
        assertThat(all.catalog().providersDeclared()).isFalse();
        assertThat(all.catalog().hostVariables()).doesNotContain(STRIPE);
        EnvironmentPolicy twilio = loader(Samples.with(AppEnv.LOCAL, Provider.SETTING, "twilio")).load();
        assertThat(twilio.catalog().providers()).containsExactly(Provider.TWILIO);
    }

    @Test
    void aHostVariableJoinsTheCatalogAndKeepsTheDeclaredProviders() {
        Map<String, String> prod = Samples.with(AppEnv.PROD, Provider.SETTING, "twilio,sendgrid,upstash");
        EnvironmentPolicyLoader loader = loader(prod);
        assertThat(loader.variable(STRIPE)).isSameAs(loader);
        assertThatThrownBy(loader::load).isInstanceOfSatisfying(EnvironmentPolicyException.class, e ->
                assertThat(e.report().orElseThrow().findings()).anySatisfy(f -> {
                    assertThat(f.rule()).isEqualTo(RuleId.REQUIRED_MISSING);
                    assertThat(f.variable()).contains("STRIPE_SECRET_KEY");
                }));
        Map<String, String> withKey = new java.util.HashMap<>(prod);
        withKey.put("STRIPE_SECRET_KEY", "sk_live_" + "x9Yq2Lm4Np7Rs1Tv5Wz8Ab3Cd6Ef0Gh");
        EnvironmentPolicy policy = loader(withKey).variable(STRIPE).load();
        assertThat(policy.catalog().hostVariables()).contains(STRIPE);
        assertThat(policy.catalog().providers()).containsExactlyInAnyOrder(Provider.TWILIO, Provider.SENDGRID,
                Provider.UPSTASH);
        assertThat(policy.catalog().providersDeclared()).isTrue();
        assertThatThrownBy(() -> policy.value("STRIPE_SECRET_KEY")).hasMessageContaining("is a secret");
        EnvironmentPolicy undeclared = loader(Samples.complete(AppEnv.LOCAL)).variable(STRIPE).load();
        assertThat(undeclared.catalog().providersDeclared()).isFalse();
    }

    @Test
    void providersGivenToTheLoaderOverrideTheSetting() {
        Map<String, String> local = Samples.with(AppEnv.LOCAL, Provider.SETTING, "twilio");
        EnvironmentPolicyLoader loader = loader(local);
        assertThat(loader.providers(Provider.POSTMARK)).isSameAs(loader);
        assertThat(loader.load().catalog().providers()).containsExactly(Provider.POSTMARK);
        assertThat(loader(local).providers("sendgrid,upstash").load().catalog().providers())
                .containsExactlyInAnyOrder(Provider.SENDGRID, Provider.UPSTASH);
        EnvironmentPolicyLoader bySet = loader(local);
        assertThat(bySet.providers(EnumSet.of(Provider.UPSTASH))).isSameAs(bySet);
        assertThat(bySet.load().catalog().providers()).containsExactly(Provider.UPSTASH);
        assertThat(loader(local).variable(STRIPE).providers(Set.of(Provider.SENDGRID)).load().catalog().providers())
                .containsExactly(Provider.SENDGRID);
    }

    @Test
    void aCatalogGivenToTheLoaderReplacesTheDefault() {
        Catalog own = Catalog.builder().providers(Provider.TWILIO).variable(STRIPE).build();
        EnvironmentPolicyLoader loader = loader(Samples.complete(AppEnv.LOCAL));
        assertThat(loader.catalog(own)).isSameAs(loader);
        assertThat(loader.providers(Provider.POSTMARK).load().catalog()).isSameAs(own);
    }

    @Test
    void readsAListOfEnvFilesInOrder() throws IOException {
        Path first = Files.writeString(dir.resolve("base.env"), "APP_ENV=local\nLOG_LEVEL=debug\n");
        Path second = Files.writeString(dir.resolve("override.env"), "LOG_LEVEL=warn\n");
        Map<String, String> rest = Samples.with(AppEnv.LOCAL, "APP_ENV", null);
        rest.remove("LOG_LEVEL");
        EnvironmentPolicyLoader loader = loader(rest);
        assertThat(loader.envFiles(List.of(first, second))).isSameAs(loader);
        EnvironmentPolicy policy = loader.load();
        assertThat(policy.value("LOG_LEVEL")).contains("warn");
        assertThat(policy.environment()).isEqualTo(AppEnv.LOCAL);
    }

    @Test
    void skipsEmptyNamesInSosopsEnvFile() throws IOException {
        Path file = Files.writeString(dir.resolve("local.env"), "APP_ENV=local\n");
        Map<String, String> process = Samples.with(AppEnv.LOCAL, "APP_ENV", null);
        process.put(EnvironmentPolicyLoader.ENV_FILE_SETTING, " , " + file + " ,, ");
        EnvironmentPolicy policy = EnvironmentPolicy.loader().processEnvironment(process).rules(RuleEngine.builtin())
                .clock(NOV_22).load();
        assertThat(policy.environment()).isEqualTo(AppEnv.LOCAL);
    }

    @Test
    void theExpectedEnvironmentIsTheOneValidated() {
        EnvironmentPolicy dev = loader(Samples.complete(AppEnv.DEV)).expectEnvironment(AppEnv.DEV).load();
        assertThat(dev.environment()).isEqualTo(AppEnv.DEV);
        assertThat(loader(Samples.complete(AppEnv.DEV)).expectEnvironment(AppEnv.LOCAL).validate().findings())
                .anySatisfy(f -> assertThat(f.message()).isEqualTo("APP_ENV is dev but the environment being validated is local"));
    }

    @Test
    void neverLoadsWithoutAnEnvironmentEvenWhenNoRuleObjects() {
        EnvironmentPolicyLoader noRules = EnvironmentPolicy.loader().processEnvironment(Map.of()).ignoreProcessSettings()
                .rules(RuleEngine.of(List.of()));
        assertThat(noRules.validate().ok()).isTrue();
        assertThatThrownBy(noRules::load).isInstanceOfSatisfying(EnvironmentPolicyException.class, e -> {
            assertThat(e.getMessage()).startsWith("Environment policy check failed for an unknown environment:\n");
            assertThat(e.report()).isPresent();
        });
    }

    @Test
    void localHasNoneOfTheStrictTraits() {
        EnvironmentPolicy local = loader(Samples.complete(AppEnv.LOCAL)).load();
        assertThat(local.alertsOnWebhookFailures()).isFalse();
        assertThat(local.strictRbac()).isFalse();
        assertThat(local.auditAlwaysOn()).isFalse();
    }
}
