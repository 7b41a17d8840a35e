package org.sosops.env.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.FailureStoreException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The failure store's health detail tells a cut database from one that answers with an error. */
class SosOpsHealthIndicatorTest {
    private static final EnvironmentPolicy LOCAL = EnvironmentPolicy.loader().ignoreProcessSettings()
            .processEnvironment(Map.of("APP_ENV", "local", "APP_URL", "http://localhost:8080",
                    "AUTH_SECRET", "k3Jx9Qm2Vt7Lp4Rz8Wc6Yh1Nb5Fd0Gs2", "LOG_LEVEL", "info"))
            .rules(RuleEngine.of(List.of())).load();

    @Test
    void aStoreThatCannotBeReachedIsUnreachable() {
        Health health = healthWith(new FailingStore(new FailureStoreException("cut",
                new SQLException("Connection refused", "08001"))));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("webhookFailureStore", "unreachable");
    }

    @Test
    void aStoreWhoseDatabaseAnswersWithAnErrorIsUnusable() {
        Health health = healthWith(new FailingStore(new FailureStoreException("no such column",
                new SQLException("column \"received_at\" does not exist", "42703"))));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("webhookFailureStore", "unusable (the database answers)");
    }

    @Test
    void anyOtherFailureIsUnreadableWithItsTypeOnly() {
        Health health = healthWith(new FailingStore(new IllegalStateException("secret-ish detail")));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("webhookFailureStore", "unreadable (IllegalStateException)");
        assertThat(health.getDetails().toString()).doesNotContain("secret-ish");
    }

    private static Health healthWith(FailureStore store) {
        WebhookGuard guard = WebhookGuard.builder().policy(LOCAL).failureStore(store).build();
        return new SosOpsHealthIndicator(LOCAL, Optional.of(guard), Optional.empty(), false,
                Duration.ofMinutes(5), Clock.systemUTC()).health();
    }

    /** A failure store whose reads fail the given way. */
    private record FailingStore(RuntimeException failure) implements FailureStore {
        @Override
        public void record(FailureRecord record) {
            throw failure;
        }

        @Override
        public List<FailureRecord> list(int limit) {
            throw failure;
        }

        @Override
        public Optional<FailureRecord> find(String id) {
            throw failure;
        }

        @Override
        public boolean markReplayed(String id, Instant at) {
            throw failure;
        }

        @Override
        public int deleteReceivedBefore(Instant cutoff) {
            throw failure;
        }
    }
}
