package org.sosops.env.core.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

class SecretValuesTest {
    private static final Optional<Location> AT = Optional.of(Location.of(".env", 3));

    @Test
    void aSecretVariableIsOneOccurrenceOfItsStrippedValue() {
        SecretOccurrence occurrence = SecretValues.of(new VariableValue("AUTH_SECRET", "  Zr8vQ2kL9xT4  ", AT))
                .orElseThrow();

        assertThat(occurrence.variable()).isEqualTo("AUTH_SECRET");
        assertThat(occurrence.inUrl()).isFalse();
        assertThat(occurrence.secret().reveal()).isEqualTo("Zr8vQ2kL9xT4");
        assertThat(occurrence.location()).isEqualTo(AT);
        assertThat(occurrence.label()).isEqualTo("AUTH_SECRET");
        assertThat(occurrence.describe()).isEqualTo("AUTH_SECRET");
    }

    @Test
    void aUrlCountsOnlyByItsPasswordWhateverTheVariable() {
        SecretOccurrence occurrence = SecretValues.of(
                new VariableValue("CACHE_URL", "redis://default:Zr8vQ2kL@cache:6379", AT)).orElseThrow();

        assertThat(occurrence.inUrl()).isTrue();
        assertThat(occurrence.secret().reveal()).isEqualTo("Zr8vQ2kL");
        assertThat(occurrence.location()).isEqualTo(AT);
        assertThat(occurrence.label()).isEqualTo("CACHE_URL#password");
        assertThat(occurrence.describe()).isEqualTo("the password in CACHE_URL");
        assertThat(SecretValues.of(new VariableValue("DATABASE_URL", "postgresql://db/sos_ops", AT))).isEmpty();
    }

    @Test
    void blankValuesLibrarySettingsAndOrdinaryVariablesHoldNoSecret() {
        assertThat(SecretValues.of(new VariableValue("AUTH_SECRET", "  ", AT))).isEmpty();
        assertThat(SecretValues.of(new VariableValue("SOSOPS_SECRET_FINGERPRINTS", "Zr8vQ2kL9xT4", AT))).isEmpty();
        assertThat(SecretValues.of(new VariableValue("SOSOPS_SMTP_URL", "smtp://u:Zr8vQ2kL@mail", AT))).isEmpty();
        assertThat(SecretValues.of(new VariableValue("LOG_LEVEL", "info", AT))).isEmpty();
    }

    @Test
    void everySecretOfAnEnvironmentIsListed() {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("AUTH_SECRET", "Zr8vQ2kL9xT4");
        plain.put("LOG_LEVEL", "info");
        plain.put("SMTP_URL", "smtp://mailer:Pw9kLq2x@mail:587");

        List<SecretOccurrence> found = SecretValues.of(Variables.of(plain));

        assertThat(found).extracting(SecretOccurrence::label)
                .containsExactlyInAnyOrder("AUTH_SECRET", "SMTP_URL#password");
    }

    @Test
    void aHostCatalogDecidesForItsOwnNames() {
        Catalog catalog = Catalog.builder()
                .variable(CatalogVariable.builder("PAYMENTS_SIGNATURE").secret().build())
                .variable(CatalogVariable.builder("PUBLIC_TOKEN_PREFIX").build())
                .build();
        Variables variables = Variables.of(Map.of("PAYMENTS_SIGNATURE", "Zr8vQ2kL9xT4", "PUBLIC_TOKEN_PREFIX", "pk_"));

        assertThat(SecretValues.of(variables, catalog)).extracting(SecretOccurrence::variable)
                .containsExactly("PAYMENTS_SIGNATURE");
        assertThat(SecretValues.of(variables, Catalog.canonical())).as("by their names alone")
                .extracting(SecretOccurrence::variable).containsExactly("PUBLIC_TOKEN_PREFIX");
    }

    @Test
    void anOccurrenceNeedsEveryPart() {
        Secret secret = Secret.of("x");
        assertThatThrownBy(() -> new SecretOccurrence(null, false, secret, Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessage("variable");
        assertThatThrownBy(() -> new SecretOccurrence("A", false, null, Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessage("secret");
        assertThatThrownBy(() -> new SecretOccurrence("A", false, secret, null))
                .isInstanceOf(NullPointerException.class).hasMessage("location");
    }
}
