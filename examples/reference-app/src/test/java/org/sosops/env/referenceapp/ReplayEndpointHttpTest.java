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
import org.sosops.env.referenceapp.auth.StaffTokens;
import org.sosops.env.referenceapp.webhooks.ReplayEndpoint;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The replay target over real HTTP: a forged request refused and stored never reaches the
 * application's handler through it, with or without the include-refused header; a genuine failed
 * request does, once; only an admin may call it.
 */
class ReplayEndpointHttpTest {
    private static final String APP_URL = "https://ops.example.org";
    private static final String STATUS = "/api/webhooks/twilio/status";
    private static final Secret TWILIO_TOKEN = Secret.of("0123456789abcdef0123456789abcdef");
    private static final String ADMIN = "admin-token-3c9f7e21";
    private static final String MEMBER = "member-token-8d2b4a90";

    @TempDir
    static Path dataDir;
    private static ReferenceApp app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("APP_URL", APP_URL);
        variables.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN.reveal());
        variables.put(StaffTokens.VARIABLE, "admin:sha256:" + StaffTokens.digest(ADMIN) + ",member:sha256:"
                + StaffTokens.digest(MEMBER));
        app = TestEnvironments.start(variables);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> replay(String id, String token, boolean includeRefused) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.baseUri().resolve(ReplayEndpoint.PATH))
                .header("X-Sosops-Replay-Of", id)
                // Whatever is posted is ignored: the record is replayed from the store.
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SMinjected&MessageStatus=delivered"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (includeRefused) {
            request.header("X-Sosops-Replay-Include-Refused", "true");
        }
        return ReferenceAppHttpTest.send(request);
    }

    private static SignedWebhook status(String sid) {
        return TwilioSigner.withAuthToken(TWILIO_TOKEN).signForm(APP_URL + STATUS,
                List.of(Map.entry("MessageSid", sid), Map.entry("MessageStatus", "delivered")));
    }

    @Test
    void aForgedRefusedRequestNeverReachesTheHandlerThroughReplay() throws Exception {
        SignedWebhook signed = status("SM00000000000000000000000000000f01");
        byte[] forged = new String(signed.body(), StandardCharsets.UTF_8).replace("delivered", "failed")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = WebhooksHttpTest.send(app, STATUS,
                new SignedWebhook(signed.url(), signed.contentType(), signed.headers(), forged));
        assertThat(refused.statusCode()).isEqualTo(403);
        String requestId = refused.headers().firstValue("X-Request-Id").orElseThrow();
        FailureRecord record = app.webhooks().failures().list(1000).stream()
                .filter(f -> f.requestId().equals(requestId)).findFirst().orElseThrow();
        long handled = app.handledWebhooks(STATUS);

        assertThat(replay(record.id(), null, true).statusCode()).isEqualTo(401);
        assertThat(replay(record.id(), MEMBER, true).statusCode()).isEqualTo(403);
        HttpResponse<String> withoutFlag = replay(record.id(), ADMIN, false);
        assertThat(withoutFlag.statusCode()).isEqualTo(409);
        assertThat(withoutFlag.body()).contains("--include-refused");
        HttpResponse<String> withFlag = replay(record.id(), ADMIN, true);
        assertThat(withFlag.statusCode()).isEqualTo(409);
        assertThat(withFlag.body()).contains("does not verify now");

        assertThat(app.handledWebhooks(STATUS)).isEqualTo(handled);
        assertThat(app.webhooks().failures().find(record.id()).orElseThrow().replayed()).isFalse();
    }

    @Test
    void aGenuineFailedRequestIsReplayedFromTheStoreOnce() throws Exception {
        SignedWebhook signed = status("SM00000000000000000000000000000f02");
        WebhookRequest.Builder request = WebhookRequest.builder("POST", STATUS).header("Content-Type", signed.contentType())
                .body(signed.body());
        signed.headers().forEach(request::header);
        FailureRecord failed = FailureRecord.failed("req-f02", request.build(), "twilio", "processing-failed: X", Instant.now());
        app.webhooks().failures().record(failed);
        long handled = app.handledWebhooks(STATUS);

        assertThat(replay(failed.id(), ADMIN, false).statusCode()).isEqualTo(200);
        assertThat(app.handledWebhooks(STATUS)).isEqualTo(handled + 1);
        HttpResponse<String> again = replay(failed.id(), ADMIN, false);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already replayed");
        assertThat(replay("no-such-id", ADMIN, false).statusCode()).isEqualTo(404);
        assertThat(app.handledWebhooks(STATUS)).isEqualTo(handled + 1);
    }
}
