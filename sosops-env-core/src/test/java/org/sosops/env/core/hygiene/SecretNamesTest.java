package org.sosops.env.core.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;

class SecretNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"STRIPE_SECRET_KEY", "SENTRY_AUTH_TOKEN", "SMTP_PASSWORD", "FTP_PASSWD", "MAPS_API_KEY",
            "MAPS_APIKEY", "SSH_PRIVATE_KEY", "S3_ACCESS_KEY", "GCP_CREDENTIAL", "JWT_SIGNING_KEY", "HMAC_AUTH_KEY",
            "DATA_ENCRYPTION_KEY", "smtp_password"})
    void namesThatSayCredentialAreSecret(String name) {
        assertThat(SecretNames.isSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT_SECRET_FILE", "KEY_TOKEN_PATH", "SECRETS_DIR", "TOKEN_NAME", "SECRET_ENV",
            "TOKEN_VAR", "API_KEY_ID", "API_KEY_SID", "SECRET_URL_NAME", "TOKEN_HEADER", "TOKEN_TTL", "TOKEN_EXPIRY",
            "TOKEN_EXPIRES", "SECRET_LENGTH", "SIGNING_KEY_ALGORITHM", "sosops_api_token", "LOG_LEVEL", "APP_URL"})
    void namesThatSayWhereOrWhichAreNot(String name) {
        assertThat(SecretNames.isSecret(name)).isFalse();
    }

    @Test
    void aCatalogDeclarationWinsOverTheName() {
        Catalog catalog = Catalog.builder()
                .variable(CatalogVariable.builder("PAYMENTS_SIGNATURE").secret().build())
                .variable(CatalogVariable.builder("PUBLIC_TOKEN").build())
                .build();

        assertThat(SecretNames.isSecret("PAYMENTS_SIGNATURE", catalog)).isTrue();
        assertThat(SecretNames.isSecret("PUBLIC_TOKEN", catalog)).isFalse();
        assertThat(SecretNames.isSecret("PUBLIC_TOKEN")).isTrue();
        assertThat(SecretNames.isSecret("TWILIO_ACCOUNT_SID", catalog)).isFalse();
    }
}
