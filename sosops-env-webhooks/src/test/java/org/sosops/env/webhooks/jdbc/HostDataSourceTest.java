package org.sosops.env.webhooks.jdbc;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.jdbc.PooledDataSource;
import org.sosops.env.core.jdbc.PooledDataSources;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.WebhookConfigurationException;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.ratelimit.PostgresSourceRateLimiter;
import org.sosops.env.webhooks.replay.JdbcSeenIdStore;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The webhook guard on the host's own DataSource: it works, it shares the host's pool, and neither
 * the guard nor {@link Database} ever closes it; what the library built, it closes.
 */
class HostDataSourceTest {

    private static EnvironmentPolicy policy(String env, Path dir, Map<String, String> extra) {
        Map<String, String> v = new HashMap<>(extra);
        v.put("APP_ENV", env);
        v.put("APP_URL", "https://ops.example.org");
        v.put("SOSOPS_WEBHOOK_DATA_DIR", dir.toString());
        return EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(v)
                .rules(RuleEngine.of(List.of())).load();
    }

    @Test
    void theGuardRunsOnTheHostsPostgresqlPoolAndLeavesItOpen(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("hostds");
             PooledDataSource host = PooledDataSources.fromUrl("DATABASE_URL", db.databaseUrl())
                     .component(unique("host")).maximumPoolSize(4).build()) {
            // DATABASE_URL points elsewhere on purpose: with a host DataSource it is not read.
            WebhookGuard guard = WebhookGuards.fromPolicy(policy("local", dir,
                    Map.of("SOSOPS_WEBHOOK_RATE_LIMIT", "2/1h", "DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")), host);
            WebhookRequest unsigned = WebhookRequest.builder("POST", WebhookGuards.TWILIO_INBOUND)
                    .sourceAddress(java.net.InetAddress.getByName("198.51.100.4")).build();
            assertThat(guard.handle(unsigned, (r, id) -> { }).status()).isEqualTo(200);
            assertThat(guard.handle(unsigned, (r, id) -> { }).status()).isEqualTo(200);
            assertThat(guard.handle(unsigned, (r, id) -> { }).status()).isEqualTo(429);
            assertThat(tables(host)).contains(JdbcFailureStore.TABLE, JdbcSeenIdStore.TABLE, PostgresSourceRateLimiter.TABLE);
            assertThat(count(host, "SELECT count(*) FROM " + PostgresSourceRateLimiter.TABLE + " WHERE id = 'verified 198.51.100.4'"))
                    .isEqualTo(1);

            guard.close();
            assertThat(host.isClosed()).isFalse();
            assertThat(count(host, "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void anH2DataSourceIsRecognisedAndKeepsBucketsAndSeenIdsInMemory(@TempDir Path dir) throws Exception {
        try (PooledDataSource host = PooledDataSources.h2("test", "jdbc:h2:mem:" + unique("h2") + ";DB_CLOSE_DELAY=-1")
                .component(unique("h2")).build()) {
            assertThat(Database.of(host).dialect()).isEqualTo(Database.Dialect.H2);
            // No network to fail fast on: the embedded default waits out a slow first open of the engine.
            assertThat(host.getConnectionTimeout())
                    .isEqualTo(PooledDataSources.DEFAULT_EMBEDDED_CONNECTION_TIMEOUT.toMillis());
            WebhookGuard guard = WebhookGuards.fromPolicy(policy("local", dir, Map.of()), host);
            assertThat(tables(host)).contains(JdbcFailureStore.TABLE.toUpperCase())
                    .doesNotContain(PostgresSourceRateLimiter.TABLE.toUpperCase());
            guard.close();
            assertThat(host.isClosed()).isFalse();
        }
    }

    @Test
    void databaseOfAHostDataSourceNeverClosesItAndDetectsPostgresql() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("hostds");
             PooledDataSource host = PooledDataSources.fromUrl("DATABASE_URL", db.databaseUrl())
                     .component(unique("host")).build()) {
            Database database = Database.of(host);
            assertThat(database.dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
            assertThat(database.dataSource()).isSameAs(host);
            assertThat(database.ownsDataSource()).isFalse();
            database.close();
            assertThat(host.isClosed()).isFalse();
            assertThat(count(host, "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void databaseFromUrlIsAPoolItClosesWithEveryConnection() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("ownpool")) {
            Database database = Database.fromUrl(db.databaseUrl(), 3);
            assertThat(database.ownsDataSource()).isTrue();
            List<Connection> held = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(database.connect());
            }
            assertThat(sessions(db, "sosops-env-webhooks")).isEqualTo(3);
            for (Connection c : held) {
                c.close();
            }
            database.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sessions(db, "sosops-env-webhooks") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(sessions(db, "sosops-env-webhooks")).isZero();
        }
    }

    @Test
    void anUnreachableHostDataSourceIsAConfigurationErrorWithoutItsCredentials(@TempDir Path dir) {
        try (PooledDataSource host = PooledDataSources.fromUrl("DATABASE_URL", "postgresql://u:very-secret-pw@127.0.0.1:1/x")
                .component(unique("dead")).connectionTimeout(Duration.ofMillis(500)).build()) {
            assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy("local", dir, Map.of()), host))
                    .isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("the application's DataSource")
                    .hasMessageNotContaining("very-secret-pw");
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> tables(PooledDataSource ds) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rows = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private static int count(PooledDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static int sessions(ScratchDatabase db, String applicationName) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement count = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
            count.setString(1, db.name());
            count.setString(2, applicationName);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
