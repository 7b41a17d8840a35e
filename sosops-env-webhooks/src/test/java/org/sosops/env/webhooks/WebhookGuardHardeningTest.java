package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.jdbc.ConnectionFailures;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.jdbc.StoreException;
import org.sosops.env.webhooks.ratelimit.RateLimitSpec;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;
import org.sosops.env.webhooks.replay.DeliveryIds;
import org.sosops.env.webhooks.replay.JdbcSeenIdStore;
import org.sosops.env.webhooks.replay.SeenIdStore;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.StandardWebhooksVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

/** Each test holds one genuine request, as an attacker would, and tries to get it handled twice or to starve it. */
class WebhookGuardHardeningTest {
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221100";
    private static final String PATH = "/api/webhooks/twilio/status";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String GENUINE = "MessageSid=SM42&MessageStatus=delivered&AccountSid=AC1";

    private MutableClock clock;
    private FailureStore failures;
    private RecordingAlerts alerts;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final WebhookHandler handler = (request, id) -> handled.add(new String(request.body(), StandardCharsets.UTF_8));

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(1_800_000_000L);
        failures = new InMemoryFailureStore();
        alerts = new RecordingAlerts();
    }

    private WebhookGuard.Builder guard() {
        return WebhookGuard.builder().environment("prod").strict(true).clock(clock)
                .endpoint(PATH, TwilioSignatureVerifier.withAuthToken(Secret.of(TOKEN), URI.create("https://ops.example.org")))
                .failureStore(failures).alertSink(alerts);
    }

    /** The genuine request as captured: the attacker may re-send its bytes, rewrite its encoding and headers. */
    private WebhookRequest.Builder captured(String body, String contentType, String source) throws Exception {
        return WebhookRequest.builder("POST", PATH).header("Content-Type", contentType)
                .header("X-Twilio-Signature", WebhookGuardTest.sign(TOKEN, "https://ops.example.org" + PATH, GENUINE))
                .body(body.getBytes(StandardCharsets.UTF_8)).sourceAddress(InetAddress.getByName(source));
    }

    private WebhookResponse.Outcome send(WebhookGuard guard, WebhookRequest request) {
        return guard.handle(request, handler).outcome();
    }

    @Test
    void aReplayWithAFreshIdempotencyTokenIsADuplicate() throws Exception {
        WebhookGuard guard = guard().build();
        assertThat(send(guard, captured(GENUINE, FORM, "203.0.113.1").header("I-Twilio-Idempotency-Token", "t-1").build()))
                .isEqualTo(WebhookResponse.Outcome.ACCEPTED);

        assertThat(send(guard, captured(GENUINE, FORM, "203.0.113.1").header("I-Twilio-Idempotency-Token", "t-2").build()))
                .isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(send(guard, captured(GENUINE, FORM, "203.0.113.1").build())).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aReplayWithThePercentEncodedNameStillVerifiesAndIsADuplicate() throws Exception {
        WebhookGuard guard = guard().build();
        send(guard, captured(GENUINE, FORM, "203.0.113.1").build());

        String reEncoded = "Message%53id=SM%342&MessageStatus=deliver%65d&&AccountSid=AC1";
        assertThat(send(guard, captured(reEncoded, FORM, "203.0.113.1").build())).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(send(guard, captured("AccountSid=AC1&MessageStatus=delivered&MessageSid=SM42", FORM, "203.0.113.1").build()))
                .isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aReplayWithACopyOfASignedPairAppendedStillVerifiesAndIsADuplicate() throws Exception {
        WebhookGuard guard = guard().build();
        send(guard, captured(GENUINE, FORM, "203.0.113.1").build());

        // Exact repeats are signed once, so the copy verifies; it must not change the delivery's key.
        assertThat(send(guard, captured(GENUINE + "&MessageSid=SM42&MessageStatus=delivered", FORM, "203.0.113.1").build()))
                .isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aPostmarkReplayWithAnAddedQueryIsStillTheSameDelivery() {
        WebhookRequest first = WebhookRequest.builder("POST", "/m").body("{\"MessageID\":\"1\"}".getBytes()).build();
        WebhookRequest withQuery = WebhookRequest.builder("POST", "/m").query("x=1").body("{\"MessageID\":\"1\"}".getBytes())
                .build();
        assertThat(DeliveryIds.of("postmark", withQuery).signed()).isEqualTo(DeliveryIds.of("postmark", first).signed());
    }

    @Test
    void aReplayWithAContentTypeOnlyOneReaderWouldCallAFormIsRefused() throws Exception {
        WebhookGuard guard = guard().build();
        send(guard, captured(GENUINE, FORM, "203.0.113.1").build());

        for (String contentType : List.of("application/x-www-form-urlencoded x", "application/x-www-form-urlencoded, text/plain",
                "text/plain")) {
            WebhookResponse answer = guard.handle(captured(GENUINE, contentType, "203.0.113.1").build(), handler);
            assertThat(answer.status()).as(contentType).isEqualTo(400);
        }
        assertThat(send(guard, captured(GENUINE, "Application/X-WWW-Form-URLEncoded; charset=utf-8", "203.0.113.1").build()))
                .isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aReplayWithAFourHundredCharacterTokenIsADuplicateInPostgresql() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("longtoken")) {
            WebhookGuard guard = guard().seenIds(JdbcSeenIdStore.create(Database.fromUrl(db.databaseUrl()), Duration.ofHours(24)))
                    .build();
            assertThat(send(guard, captured(GENUINE, FORM, "203.0.113.1").build())).isEqualTo(WebhookResponse.Outcome.ACCEPTED);

            WebhookResponse answer = guard.handle(captured(GENUINE, FORM, "203.0.113.1")
                    .header("I-Twilio-Idempotency-Token", "x".repeat(400) + "\u0000").build(), handler);

            assertThat(answer.outcome()).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
            assertThat(handled).hasSize(1);
        }
    }

    @Test
    void refusedJunkFromOneSourceCannotSpendTheBudgetOfItsVerifiedCallbacks() throws Exception {
        WebhookGuard guard = guard().rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("30/1m"), clock)).build();
        for (int i = 0; i < 40; i++) {
            guard.handle(WebhookRequest.builder("POST", PATH).header("Content-Type", FORM).body(("junk=" + i).getBytes())
                    .sourceAddress(InetAddress.getByName("203.0.113.1")).build(), handler);
        }
        WebhookResponse junk = guard.handle(WebhookRequest.builder("POST", PATH).header("Content-Type", FORM)
                .body("junk=x".getBytes()).sourceAddress(InetAddress.getByName("203.0.113.1")).build(), handler);

        assertThat(junk.status()).isEqualTo(429);
        assertThat(send(guard, captured(GENUINE, FORM, "203.0.113.1").build())).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
    }

    @Test
    void spoofedForwardedForDoesNotMoveTheBucketWithoutTrustedProxiesButDoesBehindThem() throws Exception {
        WebhookGuard direct = guard().rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("2/1m"), clock)).build();
        for (int i = 0; i < 3; i++) {
            WebhookResponse answer = direct.handle(WebhookRequest.builder("POST", PATH).body("junk".getBytes())
                    .header("X-Forwarded-For", "198.51.100." + i).sourceAddress(InetAddress.getByName("203.0.113.1")).build(), handler);
            assertThat(answer.status()).isEqualTo(i < 2 ? 403 : 429);
        }
        WebhookGuard behind = guard().rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("2/1m"), clock))
                .trustedProxies(SourceAllowlist.parse("10.0.0.0/8")).build();
        for (int i = 0; i < 3; i++) {
            WebhookResponse answer = behind.handle(WebhookRequest.builder("POST", PATH).body("junk".getBytes())
                    .header("X-Forwarded-For", "198.51.100." + i).sourceAddress(InetAddress.getByName("10.0.0.2")).build(), handler);
            assertThat(answer.status()).as("client %d behind the proxy has its own bucket", i).isEqualTo(403);
        }
    }

    @Test
    void ipv6NeighboursInOneSlash64ShareTheirBudget() throws Exception {
        WebhookGuard guard = guard().rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("2/1m"), clock)).build();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (String source : List.of("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:abcd::9", "2001:db8:1:3::1")) {
            statuses.add(guard.handle(WebhookRequest.builder("POST", PATH).body("junk".getBytes())
                    .sourceAddress(InetAddress.getByName(source)).build(), handler).status());
        }
        assertThat(statuses).containsExactly(403, 403, 429, 403);
    }

    @Test
    void anUnreachableStoreIs503WithRetryAfterAndAnAlertUnderReject() throws Exception {
        WebhookGuard guard = guard().storeFailurePolicy(StoreFailurePolicy.REJECT).seenIds(failing(true)).build();

        WebhookResponse answer = guard.handle(captured(GENUINE, FORM, "203.0.113.1").build(), handler);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).containsKey("Retry-After");
        assertThat(alerts.alerts).anyMatch(a -> a.reason().equals("store-unreachable"));
        assertThat(handled).isEmpty();
    }

    @Test
    void anUnreachableStoreLetsTheRequestThroughUnderAccept() throws Exception {
        WebhookGuard guard = guard().storeFailurePolicy(StoreFailurePolicy.ACCEPT).seenIds(failing(true))
                .rateLimiter(source -> {
                    throw StoreException.of("rate", new SQLTransientConnectionException("pool timeout"));
                }).build();

        assertThat(send(guard, captured(GENUINE, FORM, "203.0.113.1").build())).isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aStoreCutBetweenTwoIdsStillForgetsTheOneRecordedWhenHandlingFails() throws Exception {
        SeenIdStore memory = SeenIdStore.inMemory(Duration.ofHours(1));
        AtomicBoolean cut = new AtomicBoolean();
        SeenIdStore cutAfterFirstId = new SeenIdStore() {
            private int calls;

            @Override
            public boolean markSeen(String scope, String id, Instant now) {
                if (cut.get() && ++calls > 1) {
                    throw StoreException.of("seen ids", new SQLException("refused", "08001"));
                }
                return memory.markSeen(scope, id, now);
            }

            @Override
            public void forget(String scope, String id) {
                memory.forget(scope, id);
            }
        };
        WebhookGuard guard = guard().storeFailurePolicy(StoreFailurePolicy.ACCEPT).seenIds(cutAfterFirstId).build();
        WebhookRequest delivery = captured(GENUINE, FORM, "203.0.113.1").header("I-Twilio-Idempotency-Token", "tok-1").build();

        cut.set(true);   // the signed id is recorded, then the store goes down before the token's turn
        WebhookResponse failed = guard.handle(delivery, (request, id) -> {
            throw new IllegalStateException("downstream failed");
        });
        cut.set(false);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(send(guard, delivery)).as("Twilio's retry after the failure is handled, not taken for a duplicate")
                .isEqualTo(WebhookResponse.Outcome.ACCEPTED);
        assertThat(handled).hasSize(1);
    }

    @Test
    void anyOtherStoreErrorIs500WithAFailureRecordUnderEitherPolicyNeverNotSeen() throws Exception {
        for (StoreFailurePolicy policy : StoreFailurePolicy.values()) {
            WebhookGuard guard = guard().storeFailurePolicy(policy).seenIds(failing(false)).build();
            WebhookResponse answer = guard.handle(captured(GENUINE, FORM, "203.0.113.1").build(), handler);
            assertThat(answer.status()).as(policy.name()).isEqualTo(500);
            assertThat(failures.list(100)).anyMatch(f -> f.requestId().equals(answer.requestId()) && f.reason().startsWith("store-error"));
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void onlyConnectionFailuresCountAsTheStoreBeingDown() {
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("refused", "08001"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new RuntimeException(new java.sql.SQLNonTransientConnectionException("x"))))
                .isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new RuntimeException(new SQLException("Connection is closed"))))
                .as("HikariCP's answer for an evicted connection").isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("too long", "22001"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("Connection is closed", "22001"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("no state"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("x"))).isFalse();
    }

    @Test
    void standardWebhooksIdsAreScopedPerEndpoint() {
        WebhookRequest a = WebhookRequest.builder("POST", "/hooks/a").header("webhook-id", "msg_1").build();
        WebhookRequest b = WebhookRequest.builder("POST", "/hooks/b").header("webhook-id", "msg_1").build();

        assertThat(DeliveryIds.of(StandardWebhooksVerifier.PROVIDER, a).signed())
                .doesNotContainAnyElementsOf(DeliveryIds.of(StandardWebhooksVerifier.PROVIDER, b).signed());
    }

    @Test
    void aPostmarkDeliveryIsKnownByItsByteIdenticalBody() {
        WebhookRequest first = WebhookRequest.builder("POST", "/m").body("{\"MessageID\":\"1\"}".getBytes()).build();
        WebhookRequest same = WebhookRequest.builder("POST", "/m").body("{\"MessageID\":\"1\"}".getBytes())
                .header("X-Anything", "new").build();
        assertThat(DeliveryIds.of("postmark", first).signed()).isEqualTo(DeliveryIds.of("postmark", same).signed());
    }

    @Test
    void theStoreFailurePolicyDefaultsByEnvironmentAndRefusesOtherValues() {
        assertThat(StoreFailurePolicy.from(policy("prod", null))).isEqualTo(StoreFailurePolicy.REJECT);
        assertThat(StoreFailurePolicy.from(policy("staging", null))).isEqualTo(StoreFailurePolicy.REJECT);
        assertThat(StoreFailurePolicy.from(policy("dev", null))).isEqualTo(StoreFailurePolicy.ACCEPT);
        assertThat(StoreFailurePolicy.from(policy("prod", "accept"))).isEqualTo(StoreFailurePolicy.ACCEPT);
        assertThatThrownBy(() -> StoreFailurePolicy.from(policy("dev", "maybe")))
                .hasMessage("SOSOPS_WEBHOOK_STORE_FAILURE must be reject or accept");
    }

    private static org.sosops.env.core.EnvironmentPolicy policy(String env, String storeFailure) {
        java.util.Map<String, String> variables = new java.util.HashMap<>();
        variables.put("APP_ENV", env);
        if (storeFailure != null) {
            variables.put(StoreFailurePolicy.VARIABLE, storeFailure);
        }
        return org.sosops.env.core.EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(variables)
                .rules(org.sosops.env.core.rules.RuleEngine.of(List.of())).load();
    }

    private static SeenIdStore failing(boolean unreachable) {
        return new SeenIdStore() {
            @Override
            public boolean markSeen(String scope, String id, Instant now) {
                throw StoreException.of("seen ids", unreachable ? new SQLException("refused", "08001")
                        : new SQLException("value too long", "22001"));
            }

            @Override
            public void forget(String scope, String id) {
            }
        };
    }
}
