package org.sosops.env.core.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LikenessTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "<twilio-auth-token>", "your-api-key", "changeme", "xxxxxxxxxxxxxxxx",
            "example-signing-key", "${AUTH_SECRET}", "SG.your-key-here", "replace-me-with-32-random-characters",
            "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "{{ secret }}", "REDACTED"})
    void placeholdersAreStandIns(String value) {
        assertThat(Likeness.isStandIn(value)).isTrue();
        assertThat(Likeness.looksRandom(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c5ba9b6bd129c33bea8009603e6861ff", "UTrzLPJe0WJP9pZBPL5apsdOtYjcenr6uK5kRqPL",
            "b823132e-336c-45fd-a914-19e327392660", "Zr8vQ2kL9xT4mN7p"})
    void generatedSecretsLookRandom(String value) {
        assertThat(Likeness.looksRandom(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-super-secret-local-dev-value", "aaaaaaaaaaaaaaaaaaaaaaaa", "1212121212121212abab",
            "shortOne1", "two words 1234567890abc"})
    void wordsRepetitionAndShortValuesDoNotLookRandom(String value) {
        assertThat(Likeness.looksRandom(value)).isFalse();
    }

    @Test
    void wellKnownDefaultPasswordsInUrlsAreNotRealPasswords() {
        assertThat(Likeness.looksRealPassword("postgres")).isFalse();
        assertThat(Likeness.looksRealPassword("password")).isFalse();
        assertThat(Likeness.looksRealPassword("<password>")).isFalse();
        assertThat(Likeness.looksRealPassword("Hk29fLq8ZpX3vR7m")).isTrue();
    }

    @Test
    void secretNamesAreCanonicalSecretsOrNamesThatSayCredential() {
        assertThat(SecretNames.isSecret("TWILIO_AUTH_TOKEN")).isTrue();
        assertThat(SecretNames.isSecret("STRIPE_SECRET_KEY")).isTrue();
        assertThat(SecretNames.isSecret("SMTP_PASSWORD")).isTrue();
        assertThat(SecretNames.isSecret("TWILIO_ACCOUNT_SID")).isFalse();
        assertThat(SecretNames.isSecret("AWS_ACCESS_KEY_ID")).isFalse();
        assertThat(SecretNames.isSecret("GOOGLE_APPLICATION_CREDENTIALS_FILE")).isFalse();
        assertThat(SecretNames.isSecret("SOSOPS_SECRET_FINGERPRINTS")).isFalse();
        assertThat(SecretNames.isSecret("LOG_LEVEL")).isFalse();
    }

    @Test
    void providerPatternsIgnoreTemplatesOfTheirOwnShape() {
        assertThat(ProviderPattern.SENDGRID_API_KEY.find(
                "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")).isEmpty();
        assertThat(ProviderPattern.SENDGRID_API_KEY.find(
                "key=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;")).isPresent();
    }

    @Test
    void aPasswordInsideAnyUrlIsFoundAndDecoded() {
        assertThat(UrlCredentials.password("redis://default:s3cr%40t-Pw9@cache:6379").orElseThrow().reveal())
                .isEqualTo("s3cr@t-Pw9");
        assertThat(UrlCredentials.password("postgresql://sos:pw123456@db/sos_ops_dev?sslmode=require")
                .orElseThrow().reveal()).isEqualTo("pw123456");
        assertThat(UrlCredentials.password("https://app.sosops.example.org")).isEmpty();
    }
}
