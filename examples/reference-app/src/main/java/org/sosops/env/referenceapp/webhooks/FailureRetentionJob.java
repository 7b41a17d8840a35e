package org.sosops.env.referenceapp.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.referenceapp.StartupException;
import org.sosops.env.webhooks.failures.FailureRetention;
import org.sosops.env.webhooks.failures.FailureStore;

/**
 * Deletes webhook failure records older than {@code SOSOPS_WEBHOOK_FAILURE_RETENTION} (default
 * {@code 30d}): once at start, then every hour. Records hold phone numbers and message text, so
 * they are not kept past their use; a failed purge is logged and tried again at the next run.
 *
 * <pre>{@code
 * try (FailureRetentionJob job = FailureRetentionJob.start(policy, guard.failures(), Clock.systemUTC())) { ... }
 * }</pre>
 */
public final class FailureRetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailureRetentionJob.class);
    static final Duration EVERY = Duration.ofHours(1);

    private final ScheduledExecutorService executor;

    private FailureRetentionJob(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * @throws StartupException naming {@value FailureRetention#VARIABLE} when it is malformed
     */
    public static FailureRetentionJob start(EnvironmentPolicy policy, FailureStore store, Clock clock)
            throws StartupException {
        FailureRetention retention = retention(policy.value(FailureRetention.VARIABLE));
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-failure-retention");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> purge(retention, store, clock), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("webhook failure records are kept for {} ({})", retention, FailureRetention.VARIABLE);
        return new FailureRetentionJob(executor);
    }

    static FailureRetention retention(Optional<String> value) throws StartupException {
        if (value.isEmpty() || value.get().isBlank()) {
            return FailureRetention.DEFAULT;
        }
        try {
            return FailureRetention.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw new StartupException(FailureRetention.VARIABLE + ": " + e.getMessage());
        }
    }

    private static void purge(FailureRetention retention, FailureStore store, Clock clock) {
        try {
            int deleted = retention.purge(store, clock);
            if (deleted > 0) {
                LOG.info("{} webhook failure record(s) older than {} deleted", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook failure records not purged this time ({}); retrying in {}", e.getClass().getSimpleName(), EVERY);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
