package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.ratelimit.RateLimitSpec;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;
import org.sosops.env.webhooks.replay.JdbcSeenIdStore;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;
import org.sosops.env.webhooks.verify.WebhookVerifier;

class WebhookGuardTest {
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221100";
    private static final String PATH = "/api/webhooks/twilio/status";
    private static final String FORM = "application/x-www-form-urlencoded";

    private MutableClock clock;
    private FailureStore store;
    private RecordingAlerts alerts;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final WebhookHandler handler = (request, requestId) -> handled.add(new String(request.body(), StandardCharsets.UTF_8));

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(1_800_000_000L);
        store = new InMemoryFailureStore();
        alerts = new RecordingAlerts();
    }

    private WebhookGuard.Builder guard() {
        return WebhookGuard.builder().environment("staging").strict(true).clock(clock)
                .endpoint(PATH, TwilioSignatureVerifier.withAuthToken(Secret.of(TOKEN), URI.create("https://ops.example.org")))
                .failureStore(store).alertSink(alerts);
    }

    static String sign(String token, String url, String body) throws Exception {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            pairs.add(new String[] {java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder data = new StringBuilder(url);
        for (String[] p : pairs) {
            data.append(p[0]).append(p[1]);
        }
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private WebhookRequest.Builder status(String body, String source) throws Exception {
        return WebhookRequest.builder("POST", PATH).header("Content-Type", FORM)
                .header("X-Twilio-Signature", sign(TOKEN, "https://ops.example.org" + PATH, body))
                .body(body.getBytes(StandardCharsets.UTF_8)).sourceAddress(InetAddress.getByName(source));
    }

    @Test
    void aVerifiedCallbackReachesTheHandlerAndIsAnsweredWithItsRequestId() throws Exception {
        WebhookResponse answer = guard().build().handle(
                status("MessageSid=SM1&MessageStatus=sent", "203.0.113.1").header("X-Request-Id", "req-abc.123").build(), handler);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("X-Request-Id", "req-abc.123");
        assertThat(handled).containsExactly("MessageSid=SM1&MessageStatus=sent");
    }

    @Test
    void anInvalidInboundRequestIdIsReplacedByAGeneratedOne() throws Exception {
        WebhookResponse answer = guard().build().handle(
                status("MessageSid=SM1&MessageStatus=sent", "203.0.113.1").header("X-Request-Id", "bad id\nwith newline").build(), handler);
        assertThat(answer.requestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void aBadSignatureIs403StoredWithoutSigningMaterialAndAlerted() throws Exception {
        WebhookRequest forged = WebhookRequest.builder("POST", PATH).header("Content-Type", FORM)
                .header("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=").header("X-Request-Id", "forged-1")
                .body("MessageSid=SM9&MessageStatus=sent".getBytes(StandardCharsets.UTF_8)).build();
        WebhookResponse answer = guard().build().handle(forged, handler);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.reason()).contains("signature-mismatch");
        assertThat(handled).isEmpty();
        FailureRecord stored = store.list(10).get(0);
        assertThat(stored.requestId()).isEqualTo("forged-1");
        assertThat(stored.provider()).isEqualTo("twilio");
        assertThat(stored.endpoint()).isEqualTo(PATH);
        assertThat(stored.reason()).startsWith("signature-mismatch");
        assertThat(stored.headers()).doesNotContainKey("x-twilio-signature").containsKey("content-type");
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo("MessageSid=SM9&MessageStatus=sent");
        assertThat(alerts.alerts).singleElement().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("signature-mismatch");
            assertThat(a.requestId()).isEqualTo("forged-1");
            assertThat(a.environment()).isEqualTo("staging");
        });
    }

    @Test
    void aMissingSignatureIs403AndAnOversizedBodyIs400() throws Exception {
        WebhookGuard guard = guard().maxBodyBytes(64).build();
        WebhookRequest unsigned = WebhookRequest.builder("POST", PATH).header("Content-Type", FORM)
                .body("MessageSid=SM9".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(guard.handle(unsigned, handler).status()).isEqualTo(403);
        WebhookResponse huge = guard.handle(status("Body=" + "x".repeat(100), "203.0.113.1").build(), handler);
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.reason()).contains("body-too-large");
        assertThat(store.list(10)).hasSize(2);
    }

    @Test
    void aSourceOverItsRateGets429WithRetryAfterAndIsNotStored() throws Exception {
        WebhookGuard guard = guard().rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("2/1m"), clock)).build();
        assertThat(guard.handle(status("MessageSid=SM1&MessageStatus=sent", "203.0.113.1").build(), handler).status()).isEqualTo(200);
        assertThat(guard.handle(status("MessageSid=SM2&MessageStatus=sent", "203.0.113.1").build(), handler).status()).isEqualTo(200);
        WebhookResponse limited = guard.handle(status("MessageSid=SM3&MessageStatus=sent", "203.0.113.1").build(), handler);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsEntry("Retry-After", "30").containsKey("X-Request-Id");
        assertThat(guard.handle(status("MessageSid=SM3&MessageStatus=sent", "203.0.113.2").build(), handler).status()).isEqualTo(200);
        assertThat(guard.rateLimitedCount()).isEqualTo(1);
        assertThat(store.list(10)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.handle(status("MessageSid=SM4&MessageStatus=sent", "203.0.113.1").build(), handler).status()).isEqualTo(200);
    }

    @Test
    void aSourceOutsideTheAllowlistIsRefusedBeforeItsSignatureIsChecked() throws Exception {
        WebhookGuard guard = guard().sourceAllowlist(SourceAllowlist.parse("198.51.100.0/24")).build();
        WebhookResponse answer = guard.handle(status("MessageSid=SM1&MessageStatus=sent", "203.0.113.1").build(), handler);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.reason()).contains("source-not-allowed");
        assertThat(guard.handle(status("MessageSid=SM1&MessageStatus=sent", "198.51.100.20").build(), handler).status()).isEqualTo(200);
    }

    @Test
    void aRepeatedStatusIsAcknowledgedWithoutHandlingButEachNewStatusOfTheSameMessageIsHandled() throws Exception {
        WebhookGuard guard = guard().build();
        assertThat(guard.handle(status("MessageSid=SM7&MessageStatus=sent", "203.0.113.1").build(), handler).outcome())
                .isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(guard.handle(status("MessageSid=SM7&MessageStatus=delivered", "203.0.113.1").build(), handler).outcome())
                .isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        WebhookResponse again = guard.handle(status("MessageSid=SM7&MessageStatus=sent", "203.0.113.1").build(), handler);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.outcome()).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(handled).hasSize(2);
    }

    @Test
    void aSeenIdempotencyTokenAddsADuplicateEvenOverNewSignedContent() throws Exception {
        WebhookGuard guard = guard().build();
        guard.handle(status("MessageSid=SM8&MessageStatus=sent", "203.0.113.1").header("I-Twilio-Idempotency-Token", "t-1").build(), handler);
        WebhookResponse sameToken = guard.handle(status("MessageSid=SM8&MessageStatus=failed", "203.0.113.1")
                .header("I-Twilio-Idempotency-Token", "t-1").build(), handler);
        assertThat(sameToken.outcome()).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
    }

    @Test
    void seenIdsSharedThroughPostgresqlStopAReplayAtAnotherInstance() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("seen")) {
            Database database = Database.fromUrl(db.databaseUrl());
            WebhookGuard first = guard().seenIds(JdbcSeenIdStore.create(database, Duration.ofHours(24))).build();
            WebhookGuard second = guard().seenIds(JdbcSeenIdStore.create(database, Duration.ofHours(24))).build();
            assertThat(first.handle(status("MessageSid=SM5&MessageStatus=sent", "203.0.113.1").build(), handler).outcome())
                    .isEqualTo(WebhookResponse.Outcome.ACCEPTED);
            assertThat(second.handle(status("MessageSid=SM5&MessageStatus=sent", "203.0.113.1").build(), handler).outcome())
                    .isEqualTo(WebhookResponse.Outcome.DUPLICATE);
            clock.advance(Duration.ofHours(25));
            assertThat(second.handle(status("MessageSid=SM5&MessageStatus=sent", "203.0.113.1").build(), handler).outcome())
                    .isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        }
    }

    @Test
    void aFailingHandlerIs500StoredAndReplayableAndTheProvidersRetryIsHandled() throws Exception {
        WebhookGuard guard = guard().build();
        WebhookResponse failed = guard.handle(status("MessageSid=SM6&MessageStatus=sent", "203.0.113.1").build(), (r, id) -> {
            throw new IllegalStateException("database of the app is down");
        });
        assertThat(failed.status()).isEqualTo(500);
        FailureRecord stored = store.list(10).get(0);
        assertThat(stored.reason()).startsWith("processing-failed");
        assertThat(stored.reason()).doesNotContain("database of the app is down");

        assertThat(guard.handle(status("MessageSid=SM6&MessageStatus=sent", "203.0.113.1").build(), handler).outcome())
                .isEqualTo(WebhookResponse.Outcome.ACCEPTED);

        List<String> replayed = new ArrayList<>();
        assertThat(guard.replay(stored.id(), (r, id) -> replayed.add(r.path() + " " + new String(r.body(), StandardCharsets.UTF_8))))
                .isInstanceOf(org.sosops.env.webhooks.failures.ReplayResult.Replayed.class);
        assertThat(replayed).containsExactly(PATH + " MessageSid=SM6&MessageStatus=sent");
        assertThat(store.find(stored.id()).orElseThrow().replayed()).isTrue();
    }

    @Test
    void aVerifierThatThrowsIsARejectionNotAnEscapedException() {
        WebhookVerifier broken = new WebhookVerifier() {
            @Override
            public String provider() {
                return "standard";
            }

            @Override
            public org.sosops.env.webhooks.verify.Verification verify(WebhookRequest request) {
                throw new IllegalStateException("bug");
            }
        };
        WebhookGuard guard = guard().endpoint("/hook", broken).build();
        assertThat(guard.handle(WebhookRequest.builder("POST", "/hook").build(), handler).status()).isEqualTo(403);
        assertThat(guard.handle(WebhookRequest.builder("POST", "/nowhere").build(), handler).status()).isEqualTo(404);
        assertThat(guard.handle(WebhookRequest.builder("GET", "/hook").build(), handler).status()).isEqualTo(405);
    }

    @Test
    void aStrictEnvironmentWithoutTheSigningSecretRefusesToStartNamingTheVariable() {
        assertThatThrownBy(() -> guard().endpointWithoutSecret("/api/webhooks/email/events", "sendgrid",
                "EMAIL_WEBHOOK_SIGNING_SECRET").build())
                .isInstanceOf(WebhookConfigurationException.class)
                .hasMessageContaining("EMAIL_WEBHOOK_SIGNING_SECRET").hasMessageContaining("staging");
        WebhookGuard local = guard().strict(false).environment("local")
                .endpointWithoutSecret("/api/webhooks/email/events", "sendgrid", "EMAIL_WEBHOOK_SIGNING_SECRET").build();
        assertThat(local.handle(WebhookRequest.builder("POST", "/api/webhooks/email/events").body("[]".getBytes()).build(), handler)
                .status()).isEqualTo(200);
    }

    @Test
    void alertsAreDeduplicatedAndRateLimitedSoAFloodIsNotAStorm() throws Exception {
        org.sosops.env.webhooks.alerts.AlertSink throttled =
                org.sosops.env.webhooks.alerts.AlertSink.throttled(alerts, Duration.ofMinutes(5), 3, clock);
        WebhookGuard guard = guard().alertSink(throttled).build();
        for (int i = 0; i < 50; i++) {
            guard.handle(WebhookRequest.builder("POST", PATH).header("Content-Type", FORM)
                    .header("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
                    .body(("MessageSid=SM" + i).getBytes(StandardCharsets.UTF_8)).build(), handler);
        }
        assertThat(alerts.alerts).hasSize(1);
        clock.advance(Duration.ofMinutes(6));
        guard.handle(WebhookRequest.builder("POST", PATH).body(new byte[0]).build(), handler);
        guard.handle(WebhookRequest.builder("POST", PATH).header("Content-Type", FORM)
                .header("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=").body("MessageSid=x".getBytes()).build(), handler);
        assertThat(alerts.alerts).hasSize(3);
        assertThat(alerts.alerts.get(2).suppressed()).isEqualTo(49);
        assertThat(store.list(100)).hasSize(52);
    }

    @Test
    void theResponseCarriesEveryHeaderAHostMustWrite() {
        WebhookResponse limited = new WebhookResponse(429, WebhookResponse.Outcome.RATE_LIMITED, "r1",
                java.util.Optional.of(7L), java.util.Optional.of("rate-limited"));
        assertThat(limited.headers()).isEqualTo(Map.of("X-Request-Id", "r1", "Retry-After", "7"));
        assertThat(limited.body()).isEqualTo("rate-limited");
    }
}
