package org.sosops.env.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;

/** Pools built from a URL, against real PostgreSQL: bounded, named, closed, quick to give up. */
class PooledDataSourcesTest {

    @Test
    void aPoolNeverOpensMoreThanItsBoundAndTheExtraBorrowerTimesOutQuickly() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("poolbound")) {
            String component = unique("bound");
            try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", db.databaseUrl())
                    .component(component).maximumPoolSize(3).connectionTimeout(Duration.ofMillis(400)).build()) {
                List<Connection> held = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    held.add(pool.getConnection());
                }
                long start = System.nanoTime();
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                assertThat(sessionsNamed("sosops-env-" + component)).isEqualTo(3);
                // Waiting for a busy pool is not an outage: the next borrower still gets the full wait.
                assertThat(pool.inOutage()).isFalse();
                for (Connection c : held) {
                    c.close();
                }
                try (Connection again = pool.getConnection(); Statement s = again.createStatement()) {
                    assertThat(s.execute("SELECT 1")).isTrue();
                }
            }
        }
    }

    @Test
    void closingThePoolClosesEveryConnectionItOpened() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("poolclose")) {
            String component = unique("close");
            PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", db.databaseUrl())
                    .component(component).maximumPoolSize(4).build();
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.getConnection());
            }
            for (Connection c : held) {
                c.close();
            }
            assertThat(sessionsNamed("sosops-env-" + component)).isEqualTo(4);
            pool.close();
            assertThat(pool.isClosed()).isTrue();
            assertThat(awaitSessions("sosops-env-" + component, 0)).isZero();
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void anUnreachableServerFailsTheFirstBorrowAfterTheTimeoutAndLaterOnesFast() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        String url = "postgresql://app:pw-that-must-not-leak-123@127.0.0.1:" + deadPort + "/nowhere";
        try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", url)
                .component(unique("down")).connectionTimeout(Duration.ofSeconds(1)).build()) {
            long start = System.nanoTime();
            SQLException first = catchSql(pool);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            assertThat(pool.inOutage()).isTrue();
            for (int i = 0; i < 3; i++) {
                start = System.nanoTime();
                SQLException later = catchSql(pool);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
                assertThat(later.getMessage()).doesNotContain("pw-that-must-not-leak-123");
            }
            assertThat(first.getMessage()).doesNotContain("pw-that-must-not-leak-123");
            assertThat(pool.toString()).doesNotContain("pw-that-must-not-leak-123");
        }
    }

    @Test
    void credentialsInTheQueryStringNeverReachThePoolsUrl() {
        assertThat(PooledDataSources.withoutCredentials(
                "jdbc:postgresql://h:5432/d?sslmode=require&password=hunter2&user=u&ApplicationName=x"))
                .isEqualTo("jdbc:postgresql://h:5432/d?sslmode=require&ApplicationName=x");
        assertThat(PooledDataSources.withoutCredentials("jdbc:postgresql://h:5432/d?password=hunter2"))
                .isEqualTo("jdbc:postgresql://h:5432/d");
    }

    @Test
    void aMissingDriverIsOneLineNamingTheVariable() {
        // This module's tests have the PostgreSQL driver but not H2.
        assertThatThrownBy(() -> PooledDataSources.h2("DATABASE_URL is unset, so the embedded store", "jdbc:h2:mem:x").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DATABASE_URL is unset, so the embedded store needs the H2 database (com.h2database:h2) on the class path");
    }

    @Test
    void aBadUrlOrPoolSizeIsOneLineNamingTheVariableWithoutQuotingTheUrl() {
        assertThatThrownBy(() -> PooledDataSources.fromUrl("DATABASE_URL", "mysql://u:secret-pw@h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageNotContaining("secret-pw");
        assertThat(PooledDataSources.poolSize(Optional.empty())).isEqualTo(PooledDataSources.DEFAULT_MAXIMUM_POOL_SIZE);
        assertThat(PooledDataSources.poolSize(Optional.of(" 25 "))).isEqualTo(25);
        for (String bad : List.of("0", "-3", "ten", "100000")) {
            assertThatThrownBy(() -> PooledDataSources.poolSize(Optional.of(bad)))
                    .hasMessage("SOSOPS_DATABASE_POOL_SIZE must be a whole number from 1 to 1000");
        }
    }

    private static SQLException catchSql(PooledDataSource pool) {
        try (Connection ignored = pool.getConnection()) {
            throw new AssertionError("a connection to a closed port");
        } catch (SQLException e) {
            return e;
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int sessionsNamed(String applicationName) throws SQLException {
        String server = System.getenv().getOrDefault("SOSOPS_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/");
        String user = System.getenv().getOrDefault("SOSOPS_TEST_POSTGRES_USER", "postgres");
        try (Connection c = java.sql.DriverManager.getConnection(server + "postgres", user, "");
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, applicationName);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int awaitSessions(String applicationName, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int now = sessionsNamed(applicationName);
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = sessionsNamed(applicationName);
        }
        return now;
    }
}
