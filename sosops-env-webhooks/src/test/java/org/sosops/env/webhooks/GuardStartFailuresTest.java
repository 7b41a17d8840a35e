package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.testsupport.CuttableProxy;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.replay.JdbcSeenIdStore;

/** A guard that cannot start leaves nothing running, and says why it cannot start. */
class GuardStartFailuresTest {
    private static final String FLUSH_THREAD = "sosops-webhook-spool-flush";

    private static EnvironmentPolicy policy(Map<String, String> variables) {
        return EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(variables)
                .rules(RuleEngine.of(List.of())).load();
    }

    private static Map<String, String> local(Path dir) {
        Map<String, String> v = new HashMap<>();
        v.put("APP_ENV", "local");
        v.put("APP_URL", "https://ops.example.org");
        v.put("SOSOPS_WEBHOOK_DATA_DIR", dir.toString());
        return v;
    }

    @Test
    void aMalformedRateLimitLeavesNoSpoolFlushThreadBehind(@TempDir Path dir) throws Exception {
        Map<String, String> v = local(dir);
        v.put("SOSOPS_WEBHOOK_RATE_LIMIT", "lots");
        Set<Thread> before = flushThreads();
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).isInstanceOf(WebhookConfigurationException.class)
                .hasMessageStartingWith("SOSOPS_WEBHOOK_RATE_LIMIT");
        assertThat(newFlushThreadsAfterSettling(before)).as("spool flush threads left by the refused guard").isEmpty();
    }

    @Test
    void aFailureAfterTheStoresOpenedStopsTheFlushThreadAndClosesThePool(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("latefail")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                // A type under the seen-id table's name: its CREATE TABLE fails after the failure store is open.
                s.execute("CREATE DOMAIN " + JdbcSeenIdStore.TABLE + " AS integer");
            }
            Map<String, String> v = local(dir);
            v.put("DATABASE_URL", db.databaseUrl());
            Set<Thread> before = flushThreads();
            assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageContaining(JdbcSeenIdStore.TABLE)
                    .hasMessageEndingWith(": type \"" + JdbcSeenIdStore.TABLE + "\" already exists (SQLState 42710)");
            assertThat(newFlushThreadsAfterSettling(before)).as("spool flush threads left by the refused guard").isEmpty();
            assertThat(poolSessionsAfterSettling(db, "sosops-env-webhooks")).as("connections of its pool left open").isZero();
        }
    }

    @Test
    void aFailureTableWithOtherColumnsIsReportedAsUnusableNotUnreachable(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("wrongcolumns")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + JdbcFailureStore.TABLE + " (id VARCHAR(36) PRIMARY KEY, payload TEXT)");
            }
            Map<String, String> v = local(dir);
            v.put("DATABASE_URL", db.databaseUrl());
            assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("the webhook failure store is unusable (its database answers): ")
                    .hasMessageContaining(JdbcFailureStore.TABLE).hasMessageContaining("column")
                    .hasMessageContaining("SQLState 42703").hasMessageContaining("schema-postgresql.sql")
                    .hasMessageNotContaining("unreachable").hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOfSatisfying(
                            org.sosops.env.webhooks.failures.FailureStoreException.class,
                            f -> assertThat(f.unreachable()).isFalse()));
            assertThat(poolSessionsAfterSettling(db, "sosops-env-webhooks")).isZero();
        }
    }

    @Test
    void aFailureTableTheUserMayNotUseIsReportedAsAPermissionProblem(@TempDir Path dir) throws Exception {
        String role = "sosops_test_noaccess_" + UUID.randomUUID().toString().substring(0, 8);
        try (ScratchDatabase db = ScratchDatabase.create("noaccess")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'");
                s.execute("CREATE TABLE " + JdbcFailureStore.TABLE + " (id VARCHAR(36) PRIMARY KEY)");
            }
            try {
                Map<String, String> v = local(dir);
                v.put("DATABASE_URL", db.databaseUrl().replace(db.user() + "@", role + ":pw-" + role + "@"));
                assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v)))
                        .isInstanceOf(WebhookConfigurationException.class)
                        .hasMessageStartingWith("the webhook failure store is unusable (its database answers): ")
                        .hasMessageContaining(JdbcFailureStore.TABLE).hasMessageContaining("permission denied")
                        .hasMessageContaining("SQLState 42501").hasMessageNotContaining("pw-" + role)
                        .hasMessageNotContaining("\n");
            } finally {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP ROLE " + role);
                }
            }
        }
    }

    @Test
    void aLoginTheServerRefusesIsNotCalledUnreachable(@TempDir Path dir) {
        try (ScratchDatabase db = ScratchDatabase.create("nologin")) {
            Map<String, String> v = local(dir);
            v.put("DATABASE_URL", db.databaseUrl().replace(db.user() + "@", "sosops_test_nobody:s3cr3t-pw@"));
            assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("the webhook failure store is unusable (its database answers): ")
                    .hasMessageContaining("sosops_test_nobody@127.0.0.1:5432/")
                    .hasMessageContaining("refused the connection: the user is unknown or may not log in (SQLState 28000)")
                    .hasMessageNotContaining("s3cr3t-pw").hasMessageNotContaining("\n");
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsStillReportedAsUnreachable(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("cutstart"); CuttableProxy proxy = new CuttableProxy(5432)) {
            proxy.cut();
            Map<String, String> v = local(dir);
            v.put("DATABASE_URL", "postgresql://" + db.user() + "@127.0.0.1:" + proxy.port() + "/" + db.name());
            Set<Thread> before = flushThreads();
            assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("the webhook failure store is unreachable: ")
                    .hasMessageNotContaining("\n");
            assertThat(newFlushThreadsAfterSettling(before)).isEmpty();
        }
    }

    private static Set<Thread> flushThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(FLUSH_THREAD))
                .collect(Collectors.toSet());
    }

    /** The flush threads started since {@code before} that are still alive after a short grace. */
    private static Set<Thread> newFlushThreadsAfterSettling(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Set<Thread> added;
        do {
            added = flushThreads();
            added.removeAll(before);
            if (added.isEmpty()) {
                return added;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return added;
    }

    private static int poolSessionsAfterSettling(ScratchDatabase db, String application)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int sessions;
        while ((sessions = sessions(db, application)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return sessions;
    }

    private static int sessions(ScratchDatabase db, String application) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement count = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
            count.setString(1, db.name());
            count.setString(2, application);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
