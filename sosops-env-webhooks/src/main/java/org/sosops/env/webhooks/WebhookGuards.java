package org.sosops.env.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.catalog.Provider;
import org.sosops.env.core.jdbc.PooledDataSources;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.alerts.AlertSink;
import org.sosops.env.webhooks.alerts.HttpAlertSink;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.FailureStoreException;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.failures.SpoolingFailureStore;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.ratelimit.PostgresSourceRateLimiter;
import org.sosops.env.webhooks.ratelimit.RateLimitSpec;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;
import org.sosops.env.webhooks.replay.JdbcSeenIdStore;
import org.sosops.env.webhooks.replay.SeenIdStore;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;
import org.sosops.env.webhooks.verify.SendGridSignatureVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

/**
 * The standard guard of docs/webhooks.md, configured only by the canonical variables and
 * {@code SOSOPS_WEBHOOK_*} settings:
 *
 * <ul>
 * <li>{@value #TWILIO_INBOUND} and {@value #TWILIO_STATUS}: Twilio signatures with
 * {@code TWILIO_AUTH_TOKEN} against {@code APP_URL} + path (+ query);</li>
 * <li>{@value #EMAIL_EVENTS}: SendGrid (ECDSA) or Postmark (token) per {@code EMAIL_PROVIDER}, with
 * {@code EMAIL_WEBHOOK_SIGNING_SECRET} ({@code SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST}: CIDRs, required
 * for Postmark in prod);</li>
 * <li>{@code SOSOPS_TRUSTED_PROXIES}: CIDRs whose {@code X-Forwarded-For} names the real source;</li>
 * <li>{@code SOSOPS_WEBHOOK_STORE_FAILURE}: {@code reject} (503, default in staging and prod) or
 * {@code accept} (default in local and dev) when the shared store is unreachable;</li>
 * <li>rate limit {@code SOSOPS_WEBHOOK_RATE_LIMIT} (default 30/1m) per source, on where the policy
 * says so or when the variable is set;</li>
 * <li>with the host's {@code DataSource} ({@link #fromPolicy(EnvironmentPolicy, DataSource)}) or
 * {@code DATABASE_URL} (a pool of at most {@code SOSOPS_DATABASE_POOL_SIZE}, default 10, connections,
 * closed by {@link WebhookGuard#close()}): failures, seen ids and buckets in PostgreSQL (shared by the
 * fleet); without either: an embedded H2 database in {@code SOSOPS_WEBHOOK_DATA_DIR} (default
 * {@code .sosops-env}); failures spool to that directory while the database is unreachable (flushed
 * at start and every 30 s); at most {@code SOSOPS_WEBHOOK_REFUSED_BODY_CAP} (default 16 KiB) of a
 * refused request's body is kept;</li>
 * <li>alerts in staging and prod: to {@code SOSOPS_WEBHOOK_ALERT_URL} (JSON POST) when set, else the
 * log; deduplicated and at most 20 per 5 minutes.</li>
 * </ul>
 *
 * <pre>{@code
 * WebhookGuard guard = WebhookGuards.fromPolicy(EnvironmentPolicy.fromEnvironment());
 * }</pre>
 */
public final class WebhookGuards {
    public static final String TWILIO_INBOUND = "/api/webhooks/twilio/inbound";
    public static final String TWILIO_STATUS = "/api/webhooks/twilio/status";
    public static final String EMAIL_EVENTS = "/api/webhooks/email/events";

    /** CIDRs of the load balancers and proxies whose {@code X-Forwarded-For} is believed. */
    public static final String TRUSTED_PROXIES = "SOSOPS_TRUSTED_PROXIES";
    /** CIDRs Postmark may call from; required in prod when {@code EMAIL_PROVIDER=postmark}. */
    public static final String POSTMARK_ALLOWLIST = "SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST";
    /** Bytes of a refused request's body kept in its failure record: {@code 16384}, {@code 16KiB}. */
    public static final String REFUSED_BODY_CAP = "SOSOPS_WEBHOOK_REFUSED_BODY_CAP";
    /** How often spooled failure records are moved into the database when nothing else flushes them. */
    static final Duration SPOOL_FLUSH_PERIOD = Duration.ofSeconds(30);

    private WebhookGuards() {
    }

    /** A CIDR list from a variable; empty (any) when unset; a bad entry is a one-line error naming both. */
    private static SourceAllowlist cidrs(EnvironmentPolicy policy, String variable) {
        try {
            return policy.value(variable).map(SourceAllowlist::parse).orElse(SourceAllowlist.any());
        } catch (IllegalArgumentException e) {
            throw new WebhookConfigurationException(variable + ": " + e.getMessage());
        }
    }

    private static int refusedBodyCap(EnvironmentPolicy policy) {
        Optional<String> raw = policy.value(REFUSED_BODY_CAP).map(String::strip);
        if (raw.isEmpty()) {
            return FailureRecord.DEFAULT_REFUSED_BODY_CAP;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,7})(KiB)?").matcher(raw.get());
        if (!m.matches()) {
            throw new WebhookConfigurationException(REFUSED_BODY_CAP + " must be a number of bytes or KiB, e.g. 16KiB");
        }
        long bytes = Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : 1024);
        if (bytes > 1 << 20) {
            throw new WebhookConfigurationException(REFUSED_BODY_CAP + " must be at most 1024KiB");
        }
        return (int) bytes;
    }

    /**
     * @throws WebhookConfigurationException when the policy is strict and a signing secret is
     *                                       missing, a setting is malformed (the variable is named),
     *                                       or a shared table (failures, seen ids, rate limits) cannot
     *                                       be opened or created (the message says why); whatever the
     *                                       start opened is closed first
     */
    public static WebhookGuard fromPolicy(EnvironmentPolicy policy) {
        return fromPolicy(policy, Clock.systemUTC());
    }

    public static WebhookGuard fromPolicy(EnvironmentPolicy policy, Clock clock) {
        return build(policy, clock, null);
    }

    /**
     * The standard guard on the host's own {@link DataSource} (PostgreSQL shared by the fleet, or
     * H2), detected from its connection metadata; {@code DATABASE_URL} is then not read, and the
     * guard never closes the data source.
     *
     * <pre>{@code
     * WebhookGuard guard = WebhookGuards.fromPolicy(EnvironmentPolicy.fromEnvironment(), hikariDataSource);
     * }</pre>
     */
    public static WebhookGuard fromPolicy(EnvironmentPolicy policy, DataSource dataSource) {
        return fromPolicy(policy, dataSource, Clock.systemUTC());
    }

    public static WebhookGuard fromPolicy(EnvironmentPolicy policy, DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        return build(policy, clock, dataSource);
    }

    private static WebhookGuard build(EnvironmentPolicy policy, Clock clock, DataSource hostDataSource) {
        // Every setting is read before anything is opened, so a malformed one leaves nothing to close.
        WebhookGuard.Builder builder = WebhookGuard.builder().policy(policy).clock(clock)
                .storeFailurePolicy(StoreFailurePolicy.from(policy))
                .trustedProxies(cidrs(policy, TRUSTED_PROXIES));
        configureTwilio(policy, builder);
        configureEmail(policy, builder, clock);
        builder.requireSecretsWhenStrict();
        builder.refusedBodyCap(refusedBodyCap(policy));
        Optional<RateLimitSpec> rateLimit = rateLimit(policy);
        Optional<URI> alertUrl = policy.alertsOnWebhookFailures()
                ? policy.value("SOSOPS_WEBHOOK_ALERT_URL").map(WebhookGuards::alertUrl) : Optional.empty();
        Path dataDir = Path.of(policy.value("SOSOPS_WEBHOOK_DATA_DIR").orElse(".sosops-env"));
        Database database = hostDataSource != null ? hostDatabase(hostDataSource) : ownDatabase(policy, dataDir);
        // Opened in order; closed in reverse, by the guard or right here when the start fails part-way.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(database);
        try {
            SpoolingFailureStore failures = failureStore(database, dataDir);
            opened.push(failures);
            builder.failureStore(failures);
            try {
                if (rateLimit.isPresent()) {
                    builder.rateLimiter(database.dialect() == Database.Dialect.POSTGRESQL
                            ? PostgresSourceRateLimiter.create(database, rateLimit.get(), clock)
                            : SourceRateLimiter.inMemory(rateLimit.get(), clock));
                }
                builder.seenIds(database.dialect() == Database.Dialect.POSTGRESQL
                        ? JdbcSeenIdStore.create(database, Duration.ofHours(24))
                        : SeenIdStore.inMemory(Duration.ofHours(24)));
            } catch (IllegalStateException tableNotCreated) {
                // The same kind of start-up failure as the failure table's, reported as one.
                throw new WebhookConfigurationException(tableNotCreated.getMessage(), tableNotCreated);
            }
            if (policy.alertsOnWebhookFailures()) {
                AlertSink sink = alertUrl.<AlertSink>map(HttpAlertSink::new).orElseGet(AlertSink::slf4j);
                builder.alertSink(AlertSink.throttled(sink, Duration.ofMinutes(5), 20, clock));
            }
            opened.forEach(builder::closeOnClose);
            return builder.build();
        } catch (RuntimeException | Error e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** The rate limit when the policy or the variable asks for one; a malformed value names the variable. */
    private static Optional<RateLimitSpec> rateLimit(EnvironmentPolicy policy) {
        Optional<String> rate = policy.value(RateLimitSpec.VARIABLE);
        if (!policy.rateLimitingEnabled() && rate.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(rate.map(RateLimitSpec::parse).orElse(RateLimitSpec.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new WebhookConfigurationException(e.getMessage());
        }
    }

    /**
     * Failures in the database, spooled while it is unreachable. A database that cannot be reached
     * at start and one that answers but refuses the login or the table are told apart: only the
     * first may cure itself.
     */
    private static SpoolingFailureStore failureStore(Database database, Path dataDir) {
        JdbcFailureStore store;
        try {
            store = JdbcFailureStore.open(database);
        } catch (FailureStoreException e) {
            throw new WebhookConfigurationException((e.unreachable() ? "the webhook failure store is unreachable: "
                    : "the webhook failure store is unusable (its database answers): ") + e.getMessage(), e);
        }
        return new SpoolingFailureStore(store, dataDir.resolve("webhook-failures.spool.jsonl"))
                .flushEvery(SPOOL_FLUSH_PERIOD);
    }

    /** Closes what a failed start opened, newest first; a failure to close rides along as suppressed. */
    private static void closeAll(Deque<AutoCloseable> opened, Throwable failure) {
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * The alert target. Chat webhook URLs carry their secret in the path, so a malformed value is
     * reported by the variable's name alone, never quoted.
     */
    static URI alertUrl(String value) {
        String problem = "SOSOPS_WEBHOOK_ALERT_URL is not an absolute http(s) URL with a host (value not shown: "
                + "alert URLs carry their secret)";
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new WebhookConfigurationException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new WebhookConfigurationException(problem);
        }
        return uri;
    }


    private static Database hostDatabase(DataSource dataSource) {
        try {
            return Database.of(dataSource);
        } catch (IllegalStateException e) {
            throw new WebhookConfigurationException("the application's DataSource: " + e.getMessage(), e);
        }
    }

    /** A pool built from {@code DATABASE_URL} (or the embedded H2); the guard closes it. */
    private static Database ownDatabase(EnvironmentPolicy policy, Path dataDir) {
        Optional<Secret> databaseUrl = policy.secret("DATABASE_URL");
        try {
            int poolSize = PooledDataSources.poolSize(policy.value(PooledDataSources.POOL_SIZE_VARIABLE));
            return databaseUrl.map(url -> Database.fromUrl(url.reveal(), poolSize))
                    .orElseGet(() -> Database.embedded(dataDir));
        } catch (IllegalArgumentException e) {
            throw new WebhookConfigurationException(e.getMessage().startsWith("the database URL ")
                    ? "DATABASE_URL " + e.getMessage().substring("the database URL ".length()) : e.getMessage());
        } catch (IllegalStateException e) {
            throw new WebhookConfigurationException(e.getMessage());
        }
    }

    private static void configureTwilio(EnvironmentPolicy policy, WebhookGuard.Builder builder) {
        // A host that declared it uses no Twilio (SOSOPS_PROVIDERS) serves no Twilio endpoint, so needs no token.
        if (!policy.catalog().uses(Provider.TWILIO)) {
            return;
        }
        Optional<Secret> token = policy.secret("TWILIO_AUTH_TOKEN");
        if (token.isEmpty()) {
            builder.endpointWithoutSecret(TWILIO_INBOUND, TwilioSignatureVerifier.PROVIDER, "TWILIO_AUTH_TOKEN");
            builder.endpointWithoutSecret(TWILIO_STATUS, TwilioSignatureVerifier.PROVIDER, "TWILIO_AUTH_TOKEN");
            return;
        }
        URI appUrl;
        try {
            appUrl = URI.create(policy.value("APP_URL").orElseThrow(() -> new WebhookConfigurationException(
                    "APP_URL is required to verify Twilio signatures (the public URL Twilio calls)")));
        } catch (IllegalArgumentException e) {
            throw new WebhookConfigurationException("APP_URL is not a valid URL");
        }
        try {
            TwilioSignatureVerifier twilio = TwilioSignatureVerifier.withAuthToken(token.get(), appUrl);
            builder.endpoint(TWILIO_INBOUND, twilio).endpoint(TWILIO_STATUS, twilio);
        } catch (IllegalArgumentException e) {
            throw new WebhookConfigurationException("TWILIO_AUTH_TOKEN / APP_URL: " + e.getMessage());
        }
    }

    private static void configureEmail(EnvironmentPolicy policy, WebhookGuard.Builder builder, Clock clock) {
        if (!policy.catalog().sendsEmail()) {
            return;
        }
        String provider = policy.value("EMAIL_PROVIDER").map(p -> p.strip().toLowerCase(Locale.ROOT)).orElse("sendgrid");
        Optional<Secret> secret = policy.secret("EMAIL_WEBHOOK_SIGNING_SECRET");
        if (secret.isEmpty()) {
            builder.endpointWithoutSecret(EMAIL_EVENTS, provider, "EMAIL_WEBHOOK_SIGNING_SECRET");
            return;
        }
        try {
            if (provider.equals("postmark")) {
                SourceAllowlist sources = cidrs(policy, POSTMARK_ALLOWLIST);
                if (sources.isAny() && policy.environment() == AppEnv.PROD) {
                    // Postmark signs nothing: in prod its shared token is accepted only from its own addresses.
                    throw new WebhookConfigurationException("EMAIL_PROVIDER=postmark in prod requires "
                            + POSTMARK_ALLOWLIST + " (Postmark's source CIDRs); the token alone is not enough");
                }
                builder.endpoint(EMAIL_EVENTS, PostmarkTokenVerifier.withToken(secret.get()).allowing(sources));
            } else if (provider.equals("sendgrid")) {
                builder.endpoint(EMAIL_EVENTS, SendGridSignatureVerifier.withVerificationKey(secret.get(), clock));
            } else {
                throw new WebhookConfigurationException("EMAIL_PROVIDER must be sendgrid or postmark");
            }
        } catch (IllegalArgumentException e) {
            throw new WebhookConfigurationException("EMAIL_WEBHOOK_SIGNING_SECRET: " + e.getMessage());
        }
    }
}
