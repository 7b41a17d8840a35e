package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.testing.signing.SendGridSigner;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;
import org.sosops.env.webhooks.failures.FailureRecord;

/**
 * The webhook endpoints of docs/webhooks.md over real HTTP, in a local environment with no database
 * server (failure records go to the embedded database): signed requests pass, tampered ones are
 * refused with 403 and recorded.
 */
class WebhooksHttpTest {
    /** The public URL providers sign; requests really go to 127.0.0.1, as behind a proxy. */
    private static final String APP_URL = "https://ops.example.org";
    private static final Secret TWILIO_TOKEN = Secret.of("0123456789abcdef0123456789abcdef");
    private static final SendGridSigner SENDGRID = SendGridSigner.generate();

    @TempDir
    static Path dataDir;
    private static ReferenceApp app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("APP_URL", APP_URL);
        variables.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN.reveal());
        variables.put("EMAIL_PROVIDER", "sendgrid");
        variables.put("EMAIL_WEBHOOK_SIGNING_SECRET", SENDGRID.verificationKey().orElseThrow());
        variables.put("SOSOPS_WEBHOOK_RATE_LIMIT", "100000/1s");
        app = TestEnvironments.start(variables);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aSignedInboundMessageIsAcceptedAndAnsweredWithEmptyTwiml() throws Exception {
        SignedWebhook webhook = TwilioSigner.withAuthToken(TWILIO_TOKEN).signForm(APP_URL + "/api/webhooks/twilio/inbound",
                inbound("SM00000000000000000000000000000001", "Hello"));
        long before = app.handledWebhooks("/api/webhooks/twilio/inbound");

        HttpResponse<String> response = send("/api/webhooks/twilio/inbound", webhook);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/xml");
        assertThat(response.body()).contains("<Response></Response>");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(app.handledWebhooks("/api/webhooks/twilio/inbound")).isEqualTo(before + 1);
    }

    @Test
    void aSignedStatusCallbackIsAccepted() throws Exception {
        SignedWebhook webhook = TwilioSigner.withAuthToken(TWILIO_TOKEN).signForm(APP_URL + "/api/webhooks/twilio/status",
                List.of(Map.entry("MessageSid", "SM00000000000000000000000000000002"),
                        Map.entry("MessageStatus", "delivered")));

        assertThat(send("/api/webhooks/twilio/status", webhook).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedTwilioRequestIsRefusedWith403AndStoredAsAFailureWithItsRequestId() throws Exception {
        SignedWebhook signed = TwilioSigner.withAuthToken(TWILIO_TOKEN).signForm(APP_URL + "/api/webhooks/twilio/inbound",
                inbound("SM00000000000000000000000000000003", "Hello"));
        byte[] tampered = new String(signed.body(), StandardCharsets.UTF_8).replace("Hello", "Hellp")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send("/api/webhooks/twilio/inbound",
                new SignedWebhook(signed.url(), signed.contentType(), signed.headers(), tampered));

        assertThat(response.statusCode()).isEqualTo(403);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        List<FailureRecord> failures = app.webhooks().failures().list(1_000);
        assertThat(failures).anySatisfy(failure -> {
            assertThat(failure.requestId()).isEqualTo(requestId);
            assertThat(failure.endpoint()).isEqualTo("/api/webhooks/twilio/inbound");
            assertThat(new String(failure.body(), StandardCharsets.UTF_8)).contains("Hellp");
            assertThat(failure.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Twilio-Signature"));
        });
    }

    @Test
    void aTwilioRequestSignedForAnotherHostIsRefused() throws Exception {
        SignedWebhook webhook = TwilioSigner.withAuthToken(TWILIO_TOKEN).signForm(
                "https://attacker.example.net/api/webhooks/twilio/inbound", inbound("SM00000000000000000000000000000004", "x"));

        assertThat(send("/api/webhooks/twilio/inbound", webhook).statusCode()).isEqualTo(403);
    }

    @Test
    void signedSendGridEventsAreAcceptedAndTamperedOnesRefused() throws Exception {
        byte[] events = "[{\"email\":\"volunteer@example.org\",\"event\":\"delivered\",\"sg_event_id\":\"ev-1\",\"timestamp\":1}]"
                .getBytes(StandardCharsets.UTF_8);
        SignedWebhook signed = SENDGRID.sign(APP_URL + "/api/webhooks/email/events", events, Instant.now());

        assertThat(send("/api/webhooks/email/events", signed).statusCode()).isEqualTo(200);

        byte[] tampered = new String(events, StandardCharsets.UTF_8).replace("delivered", "bounce")
                .replace("ev-1", "ev-2").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = send("/api/webhooks/email/events",
                new SignedWebhook(signed.url(), signed.contentType(), signed.headers(), tampered));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void aMalformedRequestIsA400() throws Exception {
        HttpResponse<String> response = ReferenceAppHttpTest.send(HttpRequest.newBuilder(
                        app.baseUri().resolve("/api/webhooks/email/events"))
                .header("Content-Type", "application/json")
                .header(SendGridSigner.SIGNATURE_HEADER, "MEUCIQ==")
                .POST(HttpRequest.BodyPublishers.ofString("[{]")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void webhookEndpointsAcceptOnlyPost() throws Exception {
        HttpResponse<String> response = ReferenceAppHttpTest.send(HttpRequest.newBuilder(
                app.baseUri().resolve("/api/webhooks/twilio/inbound")).GET());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    static List<Map.Entry<String, String>> inbound(String messageSid, String body) {
        return List.of(Map.entry("AccountSid", "AC" + "0".repeat(32)), Map.entry("MessageSid", messageSid),
                Map.entry("From", "+15555550100"), Map.entry("To", "+15555550101"), Map.entry("Body", body));
    }

    static HttpResponse<String> send(String path, SignedWebhook webhook) throws Exception {
        return send(app, path, webhook);
    }

    static HttpResponse<String> send(ReferenceApp target, String path, SignedWebhook webhook) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.baseUri().resolve(path))
                .header("Content-Type", webhook.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        return ReferenceAppHttpTest.send(request);
    }
}
