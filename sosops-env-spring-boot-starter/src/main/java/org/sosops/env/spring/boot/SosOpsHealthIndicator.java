package org.sosops.env.spring.boot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.failures.FailureStoreException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code sosopsEnv} health contributor: the policy held at start-up (environment, warnings),
 * the webhook failure store reachable, and the age of the flag data read from the database. Down
 * when the failure store cannot be read, or when the flag store has not been read for longer than
 * {@code sosops.health.max-flag-age} (the resolver then serves its last known values). The
 * failure store is "unreachable" when its database cannot be reached and "unusable" when the
 * database answers with an error. Details never carry a secret or a database URL.
 */
public final class SosOpsHealthIndicator extends AbstractHealthIndicator {
    private final EnvironmentPolicy policy;
    private final Optional<WebhookGuard> webhooks;
    private final Optional<FlagResolver> flags;
    private final boolean flagStore;
    private final Duration maxFlagAge;
    private final Clock clock;

    public SosOpsHealthIndicator(EnvironmentPolicy policy, Optional<WebhookGuard> webhooks, Optional<FlagResolver> flags,
                                 boolean flagStore, Duration maxFlagAge, Clock clock) {
        super("sosopsEnv health check failed");
        this.policy = policy;
        this.webhooks = webhooks;
        this.flags = flags;
        this.flagStore = flagStore;
        this.maxFlagAge = maxFlagAge;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        builder.withDetail("environment", policy.environment().id())
                .withDetail("policy", "ok")
                .withDetail("policyWarnings", policy.report().findings().size());
        if (webhooks.isPresent()) {
            try {
                webhooks.get().failures().list(1);
                builder.withDetail("webhookFailureStore", "reachable");
            } catch (FailureStoreException e) {
                // Unreachable may cure itself; unusable (the database answers, e.g. a broken table or a
                // revoked privilege) needs someone to act: the operator sees which.
                builder.withDetail("webhookFailureStore", e.unreachable() ? "unreachable" : "unusable (the database answers)");
                up = false;
            } catch (RuntimeException e) {
                builder.withDetail("webhookFailureStore", "unreadable (" + e.getClass().getSimpleName() + ")");
                up = false;
            }
        }
        if (flags.isPresent() && flagStore) {
            Optional<Instant> loadedAt = flags.get().databaseLoadedAt();
            if (loadedAt.isEmpty()) {
                builder.withDetail("flagStore", "never read");
                up = false;
            } else {
                Duration age = Duration.between(loadedAt.get(), clock.instant());
                builder.withDetail("flagStore", age.compareTo(maxFlagAge) > 0 ? "stale" : "reachable")
                        .withDetail("flagDataAgeSeconds", Math.max(0, age.toSeconds()));
                up &= age.compareTo(maxFlagAge) <= 0;
            }
        } else if (flags.isPresent()) {
            builder.withDetail("flagStore", "none");
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
