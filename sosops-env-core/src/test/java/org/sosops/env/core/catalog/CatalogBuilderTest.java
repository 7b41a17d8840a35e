package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;

/** A host variable's builder defaults and shortcuts, and the catalog's per-loader defaults. */
class CatalogBuilderTest {
    private static Optional<FormatProblem> check(CatalogVariable variable, String value) {
        return variable.check().check(value, Optional.empty(), Variables.empty());
    }

    @Test
    void aPlainHostVariableIsOptionalFreeFormAndAcceptsAnything() {
        CatalogVariable variable = CatalogVariable.builder("TENANT_REGION").requiredIn().provider().build();

        assertThat(variable.isOptional()).isTrue();
        assertThat(variable.providers()).isEmpty();
        assertThat(variable.format()).isEqualTo("free-form");
        assertThat(variable.secret()).isFalse();
        assertThat(variable.canonical()).isEmpty();
        assertThat(check(variable, "")).isEmpty();
        assertThat(check(variable, "anything at all")).isEmpty();
    }

    @Test
    void aSecretHostVariableRefusesBlanksAndPlaceholdersBeforeItsOwnCheck() {
        CatalogVariable bare = CatalogVariable.builder("LEDGER_KEY").secret().build();
        CatalogVariable patterned = CatalogVariable.builder("LEDGER_KEY").secret()
                .pattern("a ledger key", "lk_[a-z0-9]{8}").build();

        assertThat(bare.format()).isEqualTo("non-empty secret");
        assertThat(check(bare, "  ")).contains(FormatProblem.invalid("must not be empty when set"));
        assertThat(check(bare, "changeme")).contains(FormatProblem.weak("is a placeholder, not a real secret"));
        assertThat(check(bare, "Zr8vQ2kL9x")).isEmpty();
        assertThat(patterned.format()).isEqualTo("a ledger key");
        assertThat(check(patterned, "lk_0a1b2c3d")).isEmpty();
        assertThat(check(patterned, "Zr8vQ2kL9x")).contains(FormatProblem.invalid("must be a ledger key"));
    }

    @Test
    void requirementShortcutsNameTheirEnvironments() {
        assertThat(CatalogVariable.builder("TENANT_REGION").requiredWhenDeployed().build().requiredIn())
                .containsExactly(AppEnv.DEV, AppEnv.STAGING, AppEnv.PROD);
        assertThat(CatalogVariable.builder("TENANT_REGION").requiredEverywhere().build().requiredIn())
                .containsExactly(AppEnv.values());
        CatalogVariable staging = CatalogVariable.builder("TENANT_REGION").requiredIn(AppEnv.STAGING).build();
        assertThat(staging.requiredIn(AppEnv.STAGING)).isTrue();
        assertThat(staging.requiredIn(AppEnv.PROD)).isFalse();
        assertThat(staging.isOptional()).isFalse();
    }

    @Test
    void aProviderVariableIsInUseOnlyWhereItsProviderIs() {
        CatalogVariable sms = CatalogVariable.builder("SMS_SENDER_NAME").provider(Provider.TWILIO).build();
        Catalog catalog = Catalog.builder().variable(sms).build();

        assertThat(sms.providers()).containsExactly(Provider.TWILIO);
        assertThat(catalog.inUse(sms)).isTrue();
        assertThat(catalog.withProviders(List.of(Provider.UPSTASH)).inUse(sms)).isFalse();
    }

    @Test
    void aSecretIsNeverAlsoAnIdentity() {
        assertThat(CatalogVariable.builder("TENANT_BUCKET").identity().build().identity()).isTrue();
        assertThat(CatalogVariable.builder("TENANT_KEY").identity().secret().build().identity()).isFalse();
        assertThat(CatalogVariable.builder("TENANT_REGION").build().identity()).isFalse();
    }

    @Test
    void aCatalogSaysHowManyVariablesAndWhichProvidersItHas() {
        assertThat(Catalog.canonical().withProviders(List.of(Provider.TWILIO)).toString())
                .isEqualTo("Catalog[" + CanonicalVariable.values().length + " variables, providers [twilio]]");
    }

    @Test
    void everyClassLoaderGetsItsOwnDefaultsWithItsContributions() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader fresh = new URLClassLoader(new URL[0], original)) {
            thread.setContextClassLoader(fresh);
            Catalog defaults = Catalog.defaults();

            assertThat(defaults).isNotNull().isSameAs(Catalog.defaults());
            assertThat(defaults.variable("PAYMENTS_SIGNATURE")).isPresent();
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void providersMayBeNamedOneByOne() {
        Catalog catalog = Catalog.builder().providers(Provider.TWILIO, Provider.BLOB).build();

        assertThat(catalog.providers()).containsExactly(Provider.TWILIO, Provider.BLOB);
        assertThat(catalog.providersDeclared()).isTrue();
        assertThat(catalog.uses(Provider.UPSTASH)).isFalse();
    }
}
