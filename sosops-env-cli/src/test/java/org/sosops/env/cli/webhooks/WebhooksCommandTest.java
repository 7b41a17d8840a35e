package org.sosops.env.cli.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.Main;

class WebhooksCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of(
            "TWILIO_AUTH_TOKEN", "12345",
            "EMAIL_WEBHOOK_SIGNING_SECRET", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==");
    private static final String[] DOCS_PARAMS = {"--param", "CallSid=CA1234567890ABCDE", "--param", "Caller=+14158675309",
            "--param", "Digits=1234", "--param", "From=+14158675309", "--param", "To=+18005551212"};

    private String out;
    private String err;

    private int run(String... args) {
        VerifyCommand.environment = ENV::get;
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(b, 0, all, 0, b.length);
        System.arraycopy(a, 0, all, b.length, a.length);
        return all;
    }

    @AfterEach
    void restoreEnvironment() {
        VerifyCommand.environment = System::getenv;
    }

    @Test
    void verifiesTwilioPublishedExampleWithExitZero() throws Exception {
        int code = run(concat(DOCS_PARAMS, "webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--url", "https://mycompany.com/myapp.php?foo=1&bar=2", "--signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                "--format", "json"));
        assertThat(code).as(err).isZero();
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("provider").asText()).isEqualTo("twilio");
        assertThat(json.has("reason")).isFalse();
    }

    @Test
    void aMismatchBehindATunnelExitsOneAndNamesTheVariantThatWouldHaveMatched() throws Exception {
        int code = run(concat(DOCS_PARAMS, "webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--url", "http://mycompany.com:8080/myapp.php?foo=1&bar=2", "--signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                "--format", "json"));
        assertThat(code).isEqualTo(1);
        JsonNode json = JSON.readTree(out);
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(json.get("reason").asText()).startsWith("signature-mismatch");
        assertThat(json.get("diagnosis").asText()).contains("https://mycompany.com/myapp.php?foo=1&bar=2")
                .contains("scheme https instead of http");
        assertThat(out + err).doesNotContain("12345\"").doesNotContain(":12345");
    }

    @Test
    void aTamperedParameterHasNoMatchingVariantAndSaysSo() throws Exception {
        String[] tampered = DOCS_PARAMS.clone();
        tampered[5] = "Digits=9999";
        int code = run(concat(tampered, "webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN",
                "--url", "https://mycompany.com/myapp.php?foo=1&bar=2", "--signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        assertThat(code).isEqualTo(1);
        assertThat(out).contains("rejected: signature-mismatch").contains("the auth token or the body differs");
    }

    @Test
    void verifiesSendGridsPublishedVectorAtItsTimeAndExplainsAnOldTimestamp(@TempDir Path dir) throws Exception {
        Path body = Files.writeString(dir.resolve("events.json"),
                "{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}");
        String[] request = {"webhooks", "verify", "--provider", "sendgrid", "--secret-env", "EMAIL_WEBHOOK_SIGNING_SECRET",
                "--body-file", body.toString(), "--header", "X-Twilio-Email-Event-Webhook-Timestamp: 1588788367",
                "--signature", "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=",
                "--format", "json"};
        assertThat(run(concat(new String[] {"--at", "1588788400"}, request))).as(err).isZero();
        assertThat(run(request)).isEqualTo(1);
        assertThat(JSON.readTree(out).get("diagnosis").asText()).contains("--at");
    }

    @Test
    void aMissingSecretVariableOrBadOptionIsAnInputErrorWithExitTwo() {
        assertThat(run("webhooks", "verify", "--provider", "twilio", "--secret-env", "NOT_SET_ANYWHERE",
                "--url", "https://a.example/x")).isEqualTo(2);
        assertThat(err).contains("NOT_SET_ANYWHERE").doesNotContain("Exception");
        assertThat(run("webhooks", "verify", "--provider", "twilio", "--secret-env", "TWILIO_AUTH_TOKEN")).isEqualTo(2);
        assertThat(err).contains("--url");
        assertThat(run("webhooks", "verify", "--provider", "mailgun", "--secret-env", "TWILIO_AUTH_TOKEN")).isEqualTo(2);
        assertThat(run("webhooks", "verify", "--provider", "sendgrid", "--secret-env", "TWILIO_AUTH_TOKEN")).isEqualTo(2);
        assertThat(err).contains("TWILIO_AUTH_TOKEN").contains("P-256").doesNotContain("12345");
    }
}
