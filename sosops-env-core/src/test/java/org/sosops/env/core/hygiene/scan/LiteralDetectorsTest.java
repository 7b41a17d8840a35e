package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which literals assigned to a secret's name are reported, and what a private key's finding holds. */
class LiteralDetectorsTest {
    private static final String SENDGRID = "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";
    private static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";

    private static List<SourceSecret> scan(String file, String text) {
        return SourceScanner.standard().scanText(file, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<SourceSecret> assigned(String literal) {
        return scan("A.java", "String authSecret = \"" + literal + "\";\n");
    }

    @Test
    void aLiteralOfEightCharactersIsReportedAndOneOfSevenIsNot() {
        assertThat(assigned("Zr8vQ2kL")).extracting(s -> s.secret().reveal()).containsExactly("Zr8vQ2kL");
        assertThat(assigned("Zr8vQ2k")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"set it from the vault", "TWILIO_AUTH_TOKEN", "sosops.auth.secret-key", "twilioAuthToken",
            "vault:secret/data/app", "env:AUTH_SECRET_FILE", "arn:aws:secretsmanager:eu-west-1:1:secret:x",
            "projects/1/secrets/auth", "classpath:keys/auth.key", "file:/etc/auth.key", "./auth-secret.txt",
            "~/auth-secret.txt", "/run/secrets/auth", "https://vault.example.org/v1/auth", "#{vault.auth}",
            "%(auth_secret)s", "@auth-secret-file", "secret:auth-secret", "process.env.AUTH_SECRET_X"})
    void namesPathsReferencesAndProseAreNotSecrets(String literal) {
        assertThat(assigned(literal)).isEmpty();
    }

    @Test
    void aLongerNameThatOnlyEndsWithASecretsNameIsALiteral() {
        assertThat(assigned("myTwilioAuthToken")).hasSize(1);
    }

    @Test
    void aFileMayStartWithAKey() {
        assertThat(scan("key.txt", SENDGRID + "\n")).extracting(SourceSecret::kind).containsExactly("sendgrid-api-key");
    }

    @Test
    void aPrivateKeyIsToldFromAnotherByTheStartOfItsBody() {
        String body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7".repeat(6);
        List<SourceSecret> secrets = scan("key.pem", PEM_HEADER + "\n" + body + "\n-----END PRIVATE KEY-----\n");

        assertThat(secrets).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("private-key");
            assertThat(s.secret().reveal()).isEqualTo((PEM_HEADER + "\n" + body).substring(0, PEM_HEADER.length() + 200));
        });
        assertThat(scan("short.pem", PEM_HEADER + "\nMIIB")).singleElement()
                .satisfies(s -> assertThat(s.secret().reveal()).isEqualTo(PEM_HEADER + "\nMIIB"));
    }

    @Test
    void twoPrivateKeysOnOneLineAreTwoFindings() {
        String json = "{\"a\": \"" + PEM_HEADER + "\\nMIIEvAAA\\n\", \"b\": \"" + PEM_HEADER + "\\nMIIEvBBB\\n\"}\n";

        assertThat(scan("keys.json", json)).extracting(SourceSecret::kind).containsExactly("private-key", "private-key");
    }
}
