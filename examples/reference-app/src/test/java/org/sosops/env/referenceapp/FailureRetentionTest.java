package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.jdbc.Database;

/** {@code SOSOPS_WEBHOOK_FAILURE_RETENTION}: old failure records are deleted from start-up on; a bad value refuses to start. */
class FailureRetentionTest {

    private static FailureRecord record(String id, Instant at) {
        return new FailureRecord(id, "req-" + id, "/api/webhooks/twilio/status", "twilio", "signature-mismatch: x", at,
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), new byte[] {'a'},
                Optional.empty(), Optional.empty());
    }

    @Test
    void recordsOlderThanTheRetentionAreDeletedWhenTheApplicationStarts(@TempDir Path dir) throws Exception {
        try (Database db = Database.embedded(dir)) {
            JdbcFailureStore store = JdbcFailureStore.open(db);
            store.record(record("old", Instant.now().minus(Duration.ofDays(8))));
            store.record(record("recent", Instant.now().minus(Duration.ofDays(2))));
        }
        Map<String, String> variables = TestEnvironments.local(dir);
        variables.put("SOSOPS_WEBHOOK_FAILURE_RETENTION", "7d");
        try (ReferenceApp app = TestEnvironments.start(variables)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (app.webhooks().failures().find("old").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(app.webhooks().failures().find("old")).isEmpty();
            assertThat(app.webhooks().failures().find("recent")).isPresent();
        }
    }

    @Test
    void aMalformedRetentionRefusesToStartNamingTheVariable(@TempDir Path dir) {
        Map<String, String> variables = TestEnvironments.local(dir);
        variables.put("SOSOPS_WEBHOOK_FAILURE_RETENTION", "forever");
        assertThatThrownBy(() -> TestEnvironments.start(variables)).isInstanceOf(StartupException.class)
                .hasMessageContaining("SOSOPS_WEBHOOK_FAILURE_RETENTION").hasMessageContaining("30d");
    }
}
