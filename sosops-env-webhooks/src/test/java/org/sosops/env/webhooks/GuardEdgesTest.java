package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.ReplayResult;
import org.sosops.env.webhooks.jdbc.StoreException;
import org.sosops.env.webhooks.ratelimit.RateDecision;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.RejectReason;
import org.sosops.env.webhooks.verify.Verification;
import org.sosops.env.webhooks.verify.WebhookVerifier;

/** The guard's answers at the edges: methods, sizes, sources, budgets, failing collaborators. */
class GuardEdgesTest {
    private static final String PATH = "/hooks/generic";
    private final MutableClock clock = MutableClock.at(1_800_000_000L);
    private final InMemoryFailureStore failures = new InMemoryFailureStore();
    private final RecordingAlerts alerts = new RecordingAlerts();
    private final List<WebhookRequest> handled = new CopyOnWriteArrayList<>();
    private final WebhookHandler handler = (request, requestId) -> handled.add(request);

    /**
     * Verifies a request whose {@code User-Agent} is {@code trusted-sender} (a header failure records
     * keep, so a stored copy re-verifies the same way); provider {@code standard}.
     */
    private static final WebhookVerifier HEADER_CHECK = new WebhookVerifier() {
        @Override
        public String provider() {
            return "standard";
        }

        @Override
        public Verification verify(WebhookRequest request) {
            return request.header("user-agent").filter("trusted-sender"::equals).<Verification>map(ok -> Verification.verified("standard"))
                    .orElseGet(() -> Verification.rejected("standard", RejectReason.SIGNATURE_MISMATCH, "not the trusted sender"));
        }
    };

    private WebhookGuard.Builder guard() {
        return WebhookGuard.builder().clock(clock).environment("staging").endpoint(PATH, HEADER_CHECK)
                .failureStore(failures).alertSink(alerts);
    }

    /** A request the stub verifier accepts. */
    private static WebhookRequest.Builder post(String id, String body) throws Exception {
        return unsigned(id, body).header("User-Agent", "trusted-sender");
    }

    /** A request the stub verifier refuses. */
    private static WebhookRequest.Builder unsigned(String id, String body) throws Exception {
        return WebhookRequest.builder("POST", PATH).header("webhook-id", id)
                .body(body.getBytes(StandardCharsets.UTF_8)).sourceAddress(InetAddress.getByName("203.0.113.1"));
    }

    @Test
    void onlyPostIsAnsweredAndInAnyCase() throws Exception {
        WebhookGuard guard = guard().build();
        WebhookRequest get = WebhookRequest.builder("GET", PATH).build();

        WebhookResponse refused = guard.handle(get, handler);
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.outcome()).isEqualTo(WebhookResponse.Outcome.METHOD_NOT_ALLOWED);
        assertThat(refused.body()).isEqualTo("method-not-allowed");
        assertThat(refused.reason()).contains("method-not-allowed");
        assertThat(failures.records).isEmpty();
        WebhookRequest lower = WebhookRequest.builder("post", PATH).header("User-Agent", "trusted-sender").header("webhook-id", "m1").build();
        assertThat(guard.handle(lower, handler).status()).isEqualTo(200);
        WebhookResponse unknown = guard.handle(WebhookRequest.builder("POST", "/elsewhere").build(), handler);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("not-found");
    }

    @Test
    void theBodyCapIsInclusive() throws Exception {
        WebhookGuard guard = guard().maxBodyBytes(5).build();

        assertThat(guard.handle(post("m1", "12345").build(), handler).status()).isEqualTo(200);
        WebhookResponse tooBig = guard.handle(post("m2", "123456").build(), handler);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).isEqualTo("body-too-large");
        assertThat(failures.records).singleElement().satisfies(r ->
                assertThat(r.reason()).isEqualTo("body-too-large: the body has 6 bytes; the cap is 5"));
        assertThat(guard.maxBodyBytes()).isEqualTo(5);
        assertThatThrownBy(() -> guard().maxBodyBytes(0)).hasMessage("the body cap must be positive");
        assertThat(guard().maxBodyBytes(1).build().maxBodyBytes()).isEqualTo(1);
    }

    @Test
    void aRefusedRecordKeepsAtMostTheConfiguredPartOfItsBody() throws Exception {
        WebhookGuard guard = guard().refusedBodyCap(3).build();

        guard.handle(unsigned("m1", "abcdef").build(), handler);

        FailureRecord stored = failures.records.get(0);
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(stored.truncated()).isTrue();
        assertThat(guard().refusedBodyCap(0).build()).isNotNull();
        assertThatThrownBy(() -> guard().refusedBodyCap(-1)).hasMessage("the refused body cap must not be negative");
    }

    @Test
    void anEndpointsOwnAllowlistAppliesToItAlone() throws Exception {
        WebhookGuard guard = guard().endpoint("/hooks/strict", HEADER_CHECK, SourceAllowlist.parse("198.51.100.0/24")).build();
        WebhookRequest outside = WebhookRequest.builder("POST", "/hooks/strict").header("User-Agent", "trusted-sender").header("webhook-id", "m1")
                .sourceAddress(InetAddress.getByName("203.0.113.1")).build();

        WebhookResponse answer = guard.handle(outside, handler);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.reason()).contains("source-not-allowed");
        assertThat(guard.handle(post("m2", "{}").build(), handler).status()).isEqualTo(200);
        assertThat(guard.paths()).containsExactly("/hooks/generic", "/hooks/strict");
    }

    @Test
    void behindATrustedProxyTheHandlerSeesTheClientAddress() throws Exception {
        WebhookGuard guard = guard().trustedProxies(SourceAllowlist.parse("10.0.0.0/8")).build();
        WebhookRequest viaProxy = post("m1", "{}").header("X-Forwarded-For", "198.51.100.9")
                .sourceAddress(InetAddress.getByName("10.0.0.2")).build();

        guard.handle(viaProxy, handler);
        guard.handle(unsigned("m2", "{}").header("X-Forwarded-For", "198.51.100.8")
                .sourceAddress(InetAddress.getByName("10.0.0.2")).build(), handler);

        assertThat(handled).singleElement().satisfies(r ->
                assertThat(r.sourceAddress()).contains(InetAddress.getByName("198.51.100.9")));
        assertThat(failures.records).singleElement().satisfies(r -> assertThat(r.sourceAddress()).contains("198.51.100.8"));
    }

    @Test
    void refusedRequestsOverTheirBudgetAre429AndNeitherStoredNorAlerted() throws Exception {
        List<String> buckets = new ArrayList<>();
        WebhookGuard guard = guard().rateLimiter(bucket -> {
            buckets.add(bucket);
            return bucket.startsWith("refused ") ? RateDecision.limited(Duration.ofMillis(1500)) : RateDecision.ALLOWED;
        }).build();

        WebhookResponse answer = guard.handle(unsigned("m1", "{}").build(), handler);

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.body()).isEqualTo("rate-limited");
        assertThat(answer.headers()).containsEntry("Retry-After", "2");
        assertThat(failures.records).isEmpty();
        assertThat(alerts.alerts).isEmpty();
        assertThat(guard.rateLimitedCount()).isEqualTo(1);
        assertThat(guard.handle(post("m2", "{}").build(), handler).status()).isEqualTo(200);
        assertThat(buckets).containsExactly("refused 203.0.113.1", "verified 203.0.113.1");
    }

    @Test
    void aRefusedRequestIsStillRefusedWhenItsBudgetCannotBeChecked() throws Exception {
        WebhookGuard guard = guard().rateLimiter(bucket -> {
            throw StoreException.of("buckets", new SQLException("refused", "08001"));
        }).build();

        WebhookResponse answer = guard.handle(unsigned("m1", "{}").build(), handler);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(failures.records).hasSize(1);
        assertThat(alerts.alerts).singleElement().satisfies(a -> assertThat(a.reason()).isEqualTo("signature-mismatch"));
    }

    @Test
    void aLimiterFailingWithSomethingElseIsAStoreErrorNamedByItsType() throws Exception {
        WebhookGuard guard = guard().rateLimiter(bucket -> {
            throw new IllegalStateException("bug");
        }).build();

        WebhookResponse answer = guard.handle(post("m1", "{}").build(), handler);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.outcome()).isEqualTo(WebhookResponse.Outcome.FAILED);
        assertThat(answer.body()).isEqualTo("store-error");
        assertThat(handled).isEmpty();
        assertThat(failures.records).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("store-error: IllegalStateException");
            assertThat(r.refused()).isFalse();
        });
        assertThat(alerts.alerts).singleElement().satisfies(a -> assertThat(a.reason()).isEqualTo("store-error"));
    }

    @Test
    void aDatabaseErrorOfTheLimiterIsAStoreErrorNamedByItsMessage() throws Exception {
        WebhookGuard guard = guard().rateLimiter(bucket -> {
            throw new StoreException("buckets: database error (SQLState 22001)", new SQLException("too long", "22001"), false);
        }).storeFailurePolicy(StoreFailurePolicy.ACCEPT).build();

        WebhookResponse answer = guard.handle(post("m1", "{}").build(), handler);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(handled).isEmpty();
        assertThat(failures.records).singleElement().satisfies(r ->
                assertThat(r.reason()).isEqualTo("store-error: buckets: database error (SQLState 22001)"));
    }

    @Test
    void anUnreachableLimiterUnderRejectIs503AndUnderAcceptLetsTheRequestThrough() throws Exception {
        SourceRateLimiter down = bucket -> {
            throw StoreException.of("buckets", new SQLException("refused", "08001"));
        };

        WebhookResponse rejected = guard().rateLimiter(down).storeFailurePolicy(StoreFailurePolicy.REJECT).build()
                .handle(post("m1", "{}").build(), handler);
        assertThat(rejected.status()).isEqualTo(503);
        assertThat(rejected.headers()).containsEntry("Retry-After", "30");
        assertThat(rejected.body()).isEqualTo("store-unavailable");
        assertThat(alerts.alerts).singleElement().satisfies(a -> assertThat(a.reason()).isEqualTo("store-unreachable"));
        assertThat(failures.records).isEmpty();

        WebhookResponse accepted = guard().rateLimiter(down).storeFailurePolicy(StoreFailurePolicy.ACCEPT).build()
                .handle(post("m1", "{}").build(), handler);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aHandlerFailingWithALinkageErrorIsAFailureNotAnEscape() throws Exception {
        WebhookGuard guard = guard().build();

        WebhookResponse answer = guard.handle(post("m1", "{}").header("X-Request-Id", " req-7 ").build(), (r, id) -> {
            throw new NoClassDefFoundError("missing");
        });

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.requestId()).isEqualTo("req-7");
        assertThat(answer.body()).isEqualTo("processing-failed");
        assertThat(failures.records).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("processing-failed: NoClassDefFoundError");
            assertThat(r.requestId()).isEqualTo("req-7");
            assertThat(r.receivedAt()).isEqualTo(clock.instant());
        });
        assertThat(alerts.alerts).singleElement().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("processing-failed");
            assertThat(a.endpoint()).isEqualTo(PATH);
            assertThat(a.provider()).isEqualTo("standard");
            assertThat(a.at()).isEqualTo(clock.instant());
        });
        assertThat(guard.handle(post("m1", "{}").build(), handler).status()).as("the retry is handled").isEqualTo(200);
    }

    @Test
    void aFailingFailureStoreOrAlertChannelNeverChangesTheAnswer() throws Exception {
        FailureStore broken = new InMemoryFailureStore() {
            @Override
            public void record(FailureRecord failure) {
                throw new IllegalStateException("disk full");
            }
        };
        WebhookGuard guard = WebhookGuard.builder().clock(clock).endpoint(PATH, HEADER_CHECK).failureStore(broken)
                .alertSink(alert -> {
                    throw new IllegalStateException("chat down");
                }).build();

        assertThat(guard.handle(unsigned("m1", "{}").build(), handler).status()).isEqualTo(403);
        assertThat(guard.failures()).isSameAs(broken);
    }

    @Test
    void requestIdsAreHonouredUpTo128SafeCharacters() throws Exception {
        WebhookGuard guard = guard().build();
        String longest = "a".repeat(128);

        assertThat(guard.handle(post("m1", "{}").header("X-Request-Id", longest).build(), handler).requestId()).isEqualTo(longest);
        assertThat(guard.handle(post("m2", "{}").header("X-Request-Id", longest + "b").build(), handler).requestId())
                .matches("[0-9a-f-]{36}");
        assertThat(guard.handle(post("m3", "{}").header("X-Request-Id", "a.b_c:d-9").build(), handler).requestId())
                .isEqualTo("a.b_c:d-9");
    }

    @Test
    void aFailedRequestReplaysThroughTheGuardWithItsRequestIdAndARefusedOneOnlyWhenAsked() throws Exception {
        WebhookGuard guard = guard().build();
        guard.handle(post("m1", "{\"n\":1}").header("X-Request-Id", "req-1").build(), (r, id) -> {
            throw new IllegalStateException("down");
        });
        guard.handle(unsigned("m2", "{\"n\":2}").header("X-Request-Id", "req-2").build(), handler);
        String failedId = failures.records.get(0).id();
        String refusedId = failures.records.get(1).id();
        List<String> replayed = new ArrayList<>();

        assertThat(guard.replay(failedId, (r, id) -> replayed.add(id + " " + new String(r.body(), StandardCharsets.UTF_8))))
                .isInstanceOf(ReplayResult.Replayed.class);
        assertThat(replayed).containsExactly("req-1 {\"n\":1}");
        assertThat(guard.replay(refusedId, (r, id) -> replayed.add(id))).isInstanceOf(ReplayResult.Skipped.class);
        assertThat(guard.replay(refusedId, (r, id) -> replayed.add(id), true))
                .as("it does not verify now either").isInstanceOf(ReplayResult.Skipped.class);
        assertThat(guard.replay("no-such-record", (r, id) -> replayed.add(id))).isInstanceOf(ReplayResult.NotFound.class);
        assertThat(replayed).hasSize(1);
    }

    @Test
    void closingTheGuardClosesWhatItOwnsEvenAfterOneFails() {
        List<String> closed = new ArrayList<>();
        WebhookGuard guard = guard().closeOnClose(() -> {
            closed.add("first");
            throw new IllegalStateException("already closed");
        }).closeOnClose(() -> closed.add("second")).build();

        guard.close();

        assertThat(closed).containsExactly("first", "second");
        assertThatThrownBy(() -> guard().closeOnClose(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aGuardNeedsAFailureStoreAndInAStrictEnvironmentEverySecret() {
        assertThatThrownBy(() -> WebhookGuard.builder().endpoint(PATH, HEADER_CHECK).build())
                .isInstanceOf(WebhookConfigurationException.class).hasMessageStartingWith("a webhook guard needs a failure store");
        assertThatThrownBy(() -> guard().strict(true).environment("prod")
                .endpointWithoutSecret("/hooks/a", "standard", "A_SECRET")
                .endpointWithoutSecret("/hooks/b", "standard", "B_SECRET").build())
                .isInstanceOf(WebhookConfigurationException.class)
                .hasMessage("webhook signature verification is strict in prod but no signing secret is configured:"
                        + " set A_SECRET (for /hooks/a), B_SECRET (for /hooks/b)");
        WebhookGuard local = guard().strict(false).endpointWithoutSecret("/hooks/a", "standard", "A_SECRET").build();
        assertThat(local.paths()).contains("/hooks/a");
    }

    @Test
    void responsesCarryTheirHeadersAndAPlainBody() {
        WebhookResponse ok = new WebhookResponse(200, WebhookResponse.Outcome.ACCEPTED, "r", Optional.empty(), Optional.empty());
        WebhookResponse duplicate = new WebhookResponse(200, WebhookResponse.Outcome.DUPLICATE, "r", Optional.empty(),
                Optional.empty());
        WebhookResponse rejected = new WebhookResponse(403, WebhookResponse.Outcome.REJECTED, "r", Optional.empty(),
                Optional.empty());

        assertThat(ok.body()).isEqualTo("ok");
        assertThat(duplicate.body()).isEqualTo("duplicate");
        assertThat(rejected.body()).isEqualTo("refused");
        assertThat(ok.headers()).containsExactly(java.util.Map.entry("X-Request-Id", "r"));
        assertThat(new WebhookResponse(299, WebhookResponse.Outcome.ACCEPTED, "r", Optional.empty(), Optional.empty())
                .accepted()).isTrue();
        assertThat(new WebhookResponse(300, WebhookResponse.Outcome.ACCEPTED, "r", Optional.empty(), Optional.empty())
                .accepted()).isFalse();
        assertThat(new WebhookResponse(199, WebhookResponse.Outcome.ACCEPTED, "r", Optional.empty(), Optional.empty())
                .accepted()).isFalse();
        assertThat(rejected.accepted()).isFalse();
    }
}
