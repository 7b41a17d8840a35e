package org.sosops.env.webhooks;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.webhooks.alerts.AlertSink;
import org.sosops.env.webhooks.alerts.WebhookAlert;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureReplay;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.ReplayResult;
import org.sosops.env.webhooks.jdbc.StoreException;
import org.sosops.env.webhooks.ratelimit.RateDecision;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;
import org.sosops.env.webhooks.replay.DeliveryIds;
import org.sosops.env.webhooks.replay.SeenIdStore;
import org.sosops.env.webhooks.request.ClientAddress;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.RejectReason;
import org.sosops.env.webhooks.verify.Verification;
import org.sosops.env.webhooks.verify.WebhookVerifier;

/**
 * The webhook pipeline a host calls once per request, on any HTTP stack: request id (a valid
 * inbound {@code X-Request-Id} is honoured) → real source (trusted proxies) → source allowlist →
 * size cap and signature verification → rate limit per source, refused and verified requests in
 * separate budgets → replay check on signed content → the host's handler. It never
 * throws: every outcome is a {@link WebhookResponse}. Refused and failed requests are logged with
 * the request id, stored as failure records and, by policy, alerted on.
 *
 * <pre>{@code
 * WebhookGuard guard = WebhookGuards.fromPolicy(EnvironmentPolicy.fromEnvironment());   // standard endpoints
 * // or by hand:
 * WebhookGuard guard = WebhookGuard.builder()
 *         .policy(policy)
 *         .endpoint("/api/webhooks/twilio/inbound", TwilioSignatureVerifier.withAuthToken(token, appUrl))
 *         .rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("30/1m"), clock))
 *         .failureStore(store)
 *         .build();
 * WebhookResponse answer = guard.handle(request, (req, requestId) -> process(req));
 * }</pre>
 */
public final class WebhookGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookGuard.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String VERIFIED_BUDGET = "verified ";
    private static final String REFUSED_BUDGET = "refused ";
    private static final long STORE_RETRY_AFTER_SECONDS = 30;

    private final Map<String, Endpoint> endpoints;
    private final SourceAllowlist allowlist;
    private final ClientAddress clients;
    private final StoreFailurePolicy storeFailurePolicy;
    private final SourceRateLimiter rateLimiter;
    private final SeenIdStore seenIds;
    private final FailureStore failures;
    private final AlertSink alerts;
    private final String environment;
    private final int maxBodyBytes;
    private final int refusedBodyCap;
    private final Clock clock;
    private final WebhookObserver observer;
    private final AtomicLong rateLimited = new AtomicLong();
    private final List<AutoCloseable> owned;

    private WebhookGuard(Builder b) {
        this.endpoints = Map.copyOf(b.endpoints);
        this.allowlist = b.allowlist;
        this.clients = ClientAddress.behind(b.trustedProxies);
        this.storeFailurePolicy = b.storeFailurePolicy;
        this.rateLimiter = b.rateLimiter;
        this.seenIds = b.seenIds;
        this.failures = b.failures;
        this.alerts = b.alerts;
        this.environment = b.environment;
        this.maxBodyBytes = b.maxBodyBytes;
        this.refusedBodyCap = b.refusedBodyCap;
        this.clock = b.clock;
        this.observer = b.observer;
        this.owned = List.copyOf(b.owned);
    }

    private WebhookGuard(WebhookGuard base, WebhookObserver observer) {
        this.endpoints = base.endpoints;
        this.allowlist = base.allowlist;
        this.clients = base.clients;
        this.storeFailurePolicy = base.storeFailurePolicy;
        this.rateLimiter = base.rateLimiter;
        this.seenIds = base.seenIds;
        this.failures = base.failures;
        this.alerts = base.alerts;
        this.environment = base.environment;
        this.maxBodyBytes = base.maxBodyBytes;
        this.refusedBodyCap = base.refusedBodyCap;
        this.clock = base.clock;
        this.observer = observer;
        this.owned = base.owned;
    }

    /**
     * Releases what the guard was given to own (the connection pool {@link WebhookGuards#fromPolicy}
     * built from {@code DATABASE_URL}); a host's own {@code DataSource} is left open.
     */
    @Override
    public void close() {
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.getClass().getSimpleName());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This guard told every answer through {@code observer} (replacing any observer it had), for
     * hosts that receive a built guard, such as {@link WebhookGuards#fromPolicy}'s. Both guards
     * share every store, limiter, endpoint and owned resource: close only the one kept.
     */
    public WebhookGuard withObserver(WebhookObserver observer) {
        return new WebhookGuard(this, java.util.Objects.requireNonNull(observer, "observer"));
    }

    /** Decides one request and, when it is verified and new, runs the handler. Never throws. */
    public WebhookResponse handle(WebhookRequest request, WebhookHandler handler) {
        WebhookResponse answer = decide(request, handler);
        if (observer != null) {
            Endpoint endpoint = endpoints.get(request.path());
            try {
                observer.answered(endpoint == null ? WebhookObserver.NO_PROVIDER : endpoint.verifier().provider(),
                        answer.outcome());
            } catch (RuntimeException e) {
                LOG.warn("webhook observer failed for request {}: {}", answer.requestId(), e.getClass().getSimpleName());
            }
        }
        return answer;
    }

    private WebhookResponse decide(WebhookRequest request, WebhookHandler handler) {
        Instant receivedAt = clock.instant();
        String requestId = request.header(WebhookResponse.REQUEST_ID_HEADER).map(String::strip)
                .filter(id -> REQUEST_ID.matcher(id).matches()).orElseGet(() -> UUID.randomUUID().toString());
        Endpoint endpoint = endpoints.get(request.path());
        if (endpoint == null) {
            return new WebhookResponse(404, WebhookResponse.Outcome.NOT_FOUND, requestId, Optional.empty(), Optional.empty());
        }
        if (!request.method().equalsIgnoreCase("POST")) {
            return new WebhookResponse(405, WebhookResponse.Outcome.METHOD_NOT_ALLOWED, requestId, Optional.empty(),
                    Optional.of("method-not-allowed"));
        }
        String provider = endpoint.verifier().provider();
        Optional<InetAddress> source = clients.source(request);
        if (!source.equals(request.sourceAddress())) {
            request = request.withSourceAddress(source.orElse(null));
        }
        String bucket = ClientAddress.bucket(source);
        if (!allowlist.allows(source) || !endpoint.allowlist().allows(source)) {
            return refuse(request, requestId, endpoint, receivedAt, bucket, Verification.rejected(provider,
                    RejectReason.SOURCE_NOT_ALLOWED, "the source address is outside the allowlist"));
        }
        if (request.body().length > maxBodyBytes) {
            return refuse(request, requestId, endpoint, receivedAt, bucket, Verification.rejected(provider,
                    RejectReason.BODY_TOO_LARGE, "the body has " + request.body().length + " bytes; the cap is "
                            + maxBodyBytes));
        }
        Verification verification;
        try {
            verification = endpoint.verifier().verify(request);
        } catch (RuntimeException e) {
            verification = Verification.rejected(provider, RejectReason.VERIFIER_ERROR,
                    "the verifier failed (" + e.getClass().getSimpleName() + ")");
        }
        if (verification instanceof Verification.Rejected rejected) {
            return refuse(request, requestId, endpoint, receivedAt, bucket, rejected);
        }
        // Verified requests draw from their own budget: refused junk from the same source cannot spend it.
        RateDecision rate;
        try {
            rate = rateLimiter.tryAcquire(VERIFIED_BUDGET + bucket);
        } catch (RuntimeException e) {
            Optional<WebhookResponse> answer = storeFailed(e, request, requestId, endpoint, provider, receivedAt);
            if (answer.isPresent()) {
                return answer.get();
            }
            rate = RateDecision.ALLOWED;
        }
        if (!rate.allowed()) {
            return rateLimited(request, requestId, provider, bucket, rate);
        }
        DeliveryIds ids = DeliveryIds.of(provider, request);
        List<String> fresh = new ArrayList<>();
        boolean duplicate;
        try {
            boolean allSignedSeen = !ids.signed().isEmpty();
            for (String id : ids.signed()) {
                if (seenIds.markSeen(provider, id, receivedAt)) {
                    fresh.add(id);
                    allSignedSeen = false;
                }
            }
            // Unsigned hints (Twilio's idempotency token) may only add a duplicate, never make one new.
            boolean hintSeen = false;
            for (String id : ids.unsigned()) {
                if (seenIds.markSeen(provider, id, receivedAt)) {
                    fresh.add(id);
                } else {
                    hintSeen = true;
                }
            }
            duplicate = allSignedSeen || hintSeen;
        } catch (RuntimeException e) {
            Optional<WebhookResponse> answer = storeFailed(e, request, requestId, endpoint, provider, receivedAt);
            if (answer.isPresent()) {
                return answer.get();
            }
            // Ids recorded before the store went down stay in `fresh`: a failed handling forgets them,
            // so the provider's retry is handled rather than taken for a duplicate.
            duplicate = false;
        }
        if (duplicate) {
            LOG.info("webhook {} {} is a repeated delivery; acknowledged without handling (request {})", provider,
                    request.path(), requestId);
            return new WebhookResponse(200, WebhookResponse.Outcome.DUPLICATE, requestId, Optional.empty(), Optional.empty());
        }
        try {
            handler.handle(request, requestId);
        } catch (Exception | LinkageError e) {
            for (String id : fresh) {
                try {
                    seenIds.forget(provider, id);
                } catch (RuntimeException ignored) {
                    // The failure record below still lets the request be replayed.
                }
            }
            String reason = "processing-failed: " + e.getClass().getSimpleName();
            LOG.error("webhook {} {} failed in processing (request {}): {}", provider, request.path(), requestId,
                    e.getClass().getName());
            store(FailureRecord.failed(requestId, request, provider, reason, receivedAt));
            alert(request, requestId, provider, "processing-failed", receivedAt);
            return new WebhookResponse(500, WebhookResponse.Outcome.FAILED, requestId, Optional.empty(),
                    Optional.of("processing-failed"));
        }
        return new WebhookResponse(200, WebhookResponse.Outcome.ACCEPTED, requestId, Optional.empty(), Optional.empty());
    }

    /**
     * Replays a stored failure through the host's handler after re-verifying it: its stored
     * signature must verify against this guard's current secret for its endpoint (timestamps judged
     * as of arrival). A record the guard refused is skipped; see
     * {@link #replay(String, WebhookHandler, boolean)}.
     *
     * @return replayed, skipped (with the reason) or not found
     * @throws Exception whatever the handler throws; the record stays unreplayed
     */
    public ReplayResult replay(String failureId, WebhookHandler handler) throws Exception {
        return replay(failureId, handler, false);
    }

    /**
     * As {@link #replay(String, WebhookHandler)}; with {@code includeRefused}, a record the guard
     * refused is replayed too, but only when its stored signature verifies now.
     */
    public ReplayResult replay(String failureId, WebhookHandler handler, boolean includeRefused) throws Exception {
        FailureReplay rule = FailureReplay.of(record -> Optional.ofNullable(endpoints.get(record.endpoint()))
                .map(Endpoint::verifier), includeRefused);
        return failures.replay(failureId, rule, (failure, request) -> handler.handle(request, failure.requestId()),
                clock.instant());
    }

    /** The failure store, for listing, replay and retention. */
    public FailureStore failures() {
        return failures;
    }

    /** How many requests were refused for their rate since start. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /** The largest body the guard verifies; an HTTP layer should refuse bigger ones before reading them. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The endpoint paths this guard serves. */
    public List<String> paths() {
        return endpoints.keySet().stream().sorted().toList();
    }

    /**
     * A refused request: charged to the source's refused budget (429 once spent, logged and
     * counted only), else answered with its reason, stored and alerted on.
     */
    private WebhookResponse refuse(WebhookRequest request, String requestId, Endpoint endpoint, Instant receivedAt,
                                   String bucket, Verification.Rejected rejected) {
        try {
            RateDecision rate = rateLimiter.tryAcquire(REFUSED_BUDGET + bucket);
            if (!rate.allowed()) {
                return rateLimited(request, requestId, rejected.provider(), bucket, rate);
            }
        } catch (RuntimeException e) {
            // The request is refused either way; an unreachable budget only means it is not counted.
            LOG.warn("webhook refused-request budget not checked for request {} ({})", requestId, e.getMessage());
        }
        return reject(request, requestId, endpoint, receivedAt, rejected);
    }

    private WebhookResponse rateLimited(WebhookRequest request, String requestId, String provider, String bucket,
                                        RateDecision rate) {
        long count = rateLimited.incrementAndGet();
        LOG.warn("webhook {} {} rate-limited for source {} (request {}, {} rate-limited so far)", provider,
                request.path(), bucket, requestId, count);
        return new WebhookResponse(429, WebhookResponse.Outcome.RATE_LIMITED, requestId,
                Optional.of(rate.retryAfterSeconds()), Optional.of("rate-limited"));
    }

    /**
     * A shared store failed for a verified request. Unreachable: by policy, 503 + Retry-After and an
     * alert, or empty (go on without the check, with a warning). Any other error: 500, a failure
     * record and an alert — never "allowed" or "not seen".
     */
    private Optional<WebhookResponse> storeFailed(RuntimeException e, WebhookRequest request, String requestId,
                                                  Endpoint endpoint, String provider, Instant receivedAt) {
        boolean unreachable = e instanceof StoreException store && store.unreachable();
        if (unreachable && storeFailurePolicy == StoreFailurePolicy.ACCEPT) {
            LOG.warn("webhook {} {} accepted WITHOUT the rate-limit or replay check, the shared store is unreachable"
                    + " ({}=accept; request {}): {}", provider, request.path(), StoreFailurePolicy.VARIABLE, requestId,
                    e.getMessage());
            return Optional.empty();
        }
        if (unreachable) {
            LOG.error("webhook {} {} answered 503, the shared store is unreachable (request {}): {}", provider,
                    request.path(), requestId, e.getMessage());
            alert(request, requestId, provider, "store-unreachable", receivedAt);
            return Optional.of(new WebhookResponse(503, WebhookResponse.Outcome.UNAVAILABLE, requestId,
                    Optional.of(STORE_RETRY_AFTER_SECONDS), Optional.of("store-unavailable")));
        }
        String reason = "store-error: " + (e instanceof StoreException ? e.getMessage() : e.getClass().getSimpleName());
        LOG.error("webhook {} {} failed, the shared store answered with an error (request {}): {}", provider,
                request.path(), requestId, reason);
        store(FailureRecord.failed(requestId, request, provider, reason, receivedAt));
        alert(request, requestId, provider, "store-error", receivedAt);
        return Optional.of(new WebhookResponse(500, WebhookResponse.Outcome.FAILED, requestId, Optional.empty(),
                Optional.of("store-error")));
    }

    private WebhookResponse reject(WebhookRequest request, String requestId, Endpoint endpoint, Instant receivedAt,
                                   Verification.Rejected rejected) {
        LOG.warn("webhook {} {} refused (request {}): {}", rejected.provider(), request.path(), requestId,
                rejected.describe());
        store(FailureRecord.refused(requestId, request, rejected.provider(), rejected.describe(), receivedAt,
                refusedBodyCap));
        alert(request, requestId, rejected.provider(), rejected.reason().id(), receivedAt);
        return new WebhookResponse(rejected.reason().httpStatus(), WebhookResponse.Outcome.REJECTED, requestId,
                Optional.empty(), Optional.of(rejected.reason().id()));
    }

    private void store(FailureRecord failure) {
        try {
            failures.record(failure);
        } catch (RuntimeException e) {
            LOG.error("webhook failure of request {} could not be stored: {}", failure.requestId(), e.getMessage());
        }
    }

    private void alert(WebhookRequest request, String requestId, String provider, String reason, Instant at) {
        try {
            alerts.alert(new WebhookAlert(environment, request.path(), provider, reason, requestId, at, 0));
        } catch (RuntimeException e) {
            LOG.warn("webhook alert for request {} not raised: {}", requestId, e.getClass().getSimpleName());
        }
    }

    private record Endpoint(WebhookVerifier verifier, SourceAllowlist allowlist) {
    }

    /**
     * Configures a {@link WebhookGuard}. Defaults: nothing limited, seen ids in memory for 24 h,
     * failures kept in memory only until a store is set, no alerts, 1 MiB body cap, 16 KiB of a refused
     * request's body kept in its failure record, system clock.
     */
    public static final class Builder {
        private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        private final List<String> missingSecrets = new ArrayList<>();
        private SourceAllowlist allowlist = SourceAllowlist.any();
        private SourceAllowlist trustedProxies = SourceAllowlist.any();
        private StoreFailurePolicy storeFailurePolicy = StoreFailurePolicy.ACCEPT;
        private SourceRateLimiter rateLimiter = SourceRateLimiter.unlimited();
        private SeenIdStore seenIds = SeenIdStore.inMemory(Duration.ofHours(24));
        private FailureStore failures;
        private AlertSink alerts = AlertSink.none();
        private String environment = "local";
        private boolean strict;
        private int maxBodyBytes = 1 << 20;
        private int refusedBodyCap = FailureRecord.DEFAULT_REFUSED_BODY_CAP;
        private Clock clock = Clock.systemUTC();
        private boolean unsignedAcknowledged;
        private WebhookObserver observer;
        private final List<AutoCloseable> owned = new ArrayList<>();

        private Builder() {
        }

        /** Something the guard closes on {@link WebhookGuard#close()} (e.g. a pool built for it alone). */
        public Builder closeOnClose(AutoCloseable resource) {
            owned.add(java.util.Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /** Takes strictness, the environment name and its default store-failure policy from the policy. */
        public Builder policy(EnvironmentPolicy policy) {
            this.environment = policy.environment().id();
            this.strict = policy.requiresStrictWebhookVerification();
            this.storeFailurePolicy = StoreFailurePolicy.defaultFor(policy.environment());
            return this;
        }

        /** Whether unsigned endpoints are a start-up error (dev, staging, prod) or allowed (local). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder endpoint(String path, WebhookVerifier verifier) {
            return endpoint(path, verifier, SourceAllowlist.any());
        }

        /** An endpoint whose sources must also fall in its own allowlist. */
        public Builder endpoint(String path, WebhookVerifier verifier, SourceAllowlist sources) {
            endpoints.put(path, new Endpoint(verifier, sources));
            return this;
        }

        /**
         * An endpoint whose signing secret is not configured: a start-up error where the policy is
         * strict, an unsigned endpoint otherwise (logged at start).
         *
         * @param variable the variable that should hold the secret, named in the error
         */
        public Builder endpointWithoutSecret(String path, String provider, String variable) {
            missingSecrets.add(variable + " (for " + path + ")");
            endpoints.put(path, new Endpoint(WebhookVerifier.unsigned(provider), SourceAllowlist.any()));
            return this;
        }

        /** Sources allowed on every endpoint (default: any). */
        public Builder sourceAllowlist(SourceAllowlist sources) {
            this.allowlist = sources;
            return this;
        }

        /**
         * Proxies whose {@code X-Forwarded-For} is believed (default: none, the TCP peer is the
         * source and forwarded headers are ignored). See {@link ClientAddress}.
         */
        public Builder trustedProxies(SourceAllowlist proxies) {
            this.trustedProxies = proxies;
            return this;
        }

        /** What happens when the shared store is unreachable (default {@link StoreFailurePolicy#ACCEPT}). */
        public Builder storeFailurePolicy(StoreFailurePolicy policy) {
            this.storeFailurePolicy = policy;
            return this;
        }

        /**
         * One token bucket per source and kind: verified requests draw from {@code "verified <source>"},
         * refused ones from {@code "refused <source>"}, each with the limiter's rate.
         */
        public Builder rateLimiter(SourceRateLimiter limiter) {
            this.rateLimiter = limiter;
            return this;
        }

        public Builder seenIds(SeenIdStore store) {
            this.seenIds = store;
            return this;
        }

        public Builder failureStore(FailureStore store) {
            this.failures = store;
            return this;
        }

        public Builder alertSink(AlertSink sink) {
            this.alerts = sink;
            return this;
        }

        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the body cap must be positive");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * At most this many bytes of a refused (unauthenticated) request's body are kept in its
         * failure record (default 16 KiB); a cut record is flagged truncated and never replays.
         */
        public Builder refusedBodyCap(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("the refused body cap must not be negative");
            }
            this.refusedBodyCap = bytes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Told the provider and outcome of every answer (metrics); must be cheap. Default: none. */
        public Builder observer(WebhookObserver observer) {
            this.observer = java.util.Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * @throws WebhookConfigurationException when strict and a signing secret is missing, or no
         *                                       failure store is set
         */
        public WebhookGuard build() {
            requireSecretsWhenStrict();
            if (failures == null) {
                throw new WebhookConfigurationException("a webhook guard needs a failure store: failureStore(...) "
                        + "(WebhookGuards.fromPolicy picks PostgreSQL or the embedded database)");
            }
            return new WebhookGuard(this);
        }

        /** Fails fast, before any database is opened, when a strict environment lacks a secret. */
        Builder requireSecretsWhenStrict() {
            if (!missingSecrets.isEmpty() && !unsignedAcknowledged) {
                if (strict) {
                    throw new WebhookConfigurationException("webhook signature verification is strict in " + environment
                            + " but no signing secret is configured: set " + String.join(", ", missingSecrets));
                }
                LOG.warn("webhooks accepted UNSIGNED in {} (no secret: {}); strict environments refuse to start so",
                        environment, String.join(", ", missingSecrets));
                unsignedAcknowledged = true;
            }
            return this;
        }
    }
}
