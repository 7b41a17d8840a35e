package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.core.testsupport.ScratchDatabase;

/** The PostgreSQL allowlist, for real: a scratch database per test. */
class JdbcAllowlistSourceTest {
    private static final RecipientNormalizer US = RecipientNormalizer.forRegion("US");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private ScratchDatabase database;
    private JdbcAllowlistSource source;
    private RecipientGuard guard;

    @BeforeEach
    void createTable() throws SQLException {
        database = ScratchDatabase.create("allowlist");
        source = JdbcAllowlistSource.builder(database::connect, US).cacheFor(Duration.ofSeconds(30)).clock(clock).build();
        source.createTableIfMissing();
        guard = RecipientGuard.builder(AppEnv.STAGING).allowlist(source).clock(clock).build();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void allowsWhatTheTableHoldsInAnyForm() throws SQLException {
        source.add("(555) 555-0190", "ops-lead");
        source.add("@campaign-example.org", "ops-lead");
        assertThat(guard.checkSms("+15555550190").allowed()).isTrue();
        assertThat(guard.checkEmail("Field@Campaign-Example.org").allowed()).isTrue();
        assertThat(guard.checkSms("+15555550191").allowed()).isFalse();
    }

    @Test
    void storesTheEntryAsWrittenWithWhoAddedItAndOnlyOnce() throws SQLException {
        source.add("  +15555550190 ", "ops-lead");
        source.add("+15555550190", "someone-else");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT entry, added_by, added_at FROM sosops_recipient_allowlist")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("+15555550190");
            assertThat(rows.getString(2)).isEqualTo("ops-lead");
            assertThat(rows.getTimestamp(3)).isNotNull();
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void readsTheTableAgainOnlyAfterTheCacheExpires() throws Exception {
        assertThat(guard.checkSms("+15555550192").allowed()).isFalse();
        execute("INSERT INTO sosops_recipient_allowlist (entry, added_by) VALUES ('+15555550192', 'psql')");
        assertThat(guard.checkSms("+15555550192").allowed()).as("still the cached read").isFalse();
        clock.advance(Duration.ofSeconds(29));
        assertThat(guard.checkSms("+15555550192").allowed()).as("29 s are inside the 30 s cache").isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(guard.checkSms("+15555550192").allowed()).isTrue();
    }

    @Test
    void readsTheTableAgainAtOnceWhenInvalidated() throws Exception {
        assertThat(source.current().isEmpty()).isTrue();
        execute("INSERT INTO sosops_recipient_allowlist (entry, added_by) VALUES ('+15555550192', 'psql')");
        assertThat(source.current().isEmpty()).isTrue();
        source.invalidate();
        assertThat(source.current().containsPhone("+15555550192")).isTrue();
    }

    @Test
    void readsTheTableAgainAfterAnAdd() throws Exception {
        assertThat(source.current().isEmpty()).isTrue();
        source.add("+15555550195", "ops-lead");
        assertThat(source.current().containsPhone("+15555550195")).isTrue();
    }

    @Test
    void failsClosedOnceTheDatabaseIsGoneAndTheCacheHasExpired() throws SQLException {
        source.add("+15555550193", "ops-lead");
        assertThat(guard.checkSms("+15555550193").allowed()).isTrue();
        database.close();
        clock.advance(Duration.ofSeconds(31));
        GuardDecision decision = guard.checkSms("+15555550193");
        assertThat(decision).isInstanceOfSatisfying(GuardDecision.Refused.class, refused -> {
            assertThat(refused.rule()).isEqualTo(RuleId.RECIPIENT_NOT_ALLOWLISTED);
            assertThat(refused.reason()).contains("allowlist source unavailable: table sosops_recipient_allowlist")
                    .contains("cannot be read (SQLState ");
        });
        assertThatThrownBy(source::current).isInstanceOf(AllowlistUnavailableException.class)
                .hasMessageStartingWith("table sosops_recipient_allowlist cannot be read (SQLState ")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void failsClosedOnAMalformedRowAndNamesIt() throws Exception {
        execute("INSERT INTO sosops_recipient_allowlist (entry, added_by) VALUES ('+15555550194', 'psql'), "
                + "('call the office', 'psql')");
        GuardDecision decision = guard.checkSms("+15555550194");
        assertThat(decision).isInstanceOfSatisfying(GuardDecision.Refused.class, refused ->
                assertThat(refused.reason()).contains("row 2").contains("is not a phone number").contains("fix or delete the row"));
        assertThatThrownBy(source::current).isInstanceOf(AllowlistUnavailableException.class)
                .hasMessage("table sosops_recipient_allowlist row 2 (entry '" + "*".repeat(13) + "ce') is not a phone "
                        + "number (region US is assumed without a +country prefix); fix or delete the row")
                .hasNoCause();
    }

    @Test
    void failsClosedWhenTheConnectionSourceItselfBreaks() {
        JdbcAllowlistSource broken = JdbcAllowlistSource.builder(() -> {
            throw new IllegalStateException("pool closed");
        }, US).build();
        assertThatThrownBy(broken::current).isInstanceOf(AllowlistUnavailableException.class)
                .hasMessage("table sosops_recipient_allowlist cannot be read: java.lang.IllegalStateException: pool closed")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToStoreAMalformedEntry() throws Exception {
        assertThatThrownBy(() -> source.add("not a number", "ops-lead")).isInstanceOf(AllowlistException.class);
        assertThatThrownBy(() -> source.add("+15555550196", null)).isInstanceOf(NullPointerException.class);
        source.invalidate();
        assertThat(source.current().isEmpty()).isTrue();
    }

    @Test
    void readsAnotherTableBorrowingConnectionsFromADataSource() throws Exception {
        execute("CREATE SCHEMA ops");
        AtomicInteger borrowed = new AtomicInteger();
        JdbcAllowlistSource pooled = JdbcAllowlistSource.builder(countingDataSource(borrowed), US)
                .table("ops.staff_allowlist").clock(clock).build();
        pooled.createTableIfMissing();
        pooled.createTableIfMissing();
        pooled.add("ada@example.org", "ops-lead");
        assertThat(pooled.current().containsEmail("ada@example.org")).isTrue();
        assertThat(pooled.description()).isEqualTo("table ops.staff_allowlist");
        assertThat(pooled).hasToString("JdbcAllowlistSource[ops.staff_allowlist]");
        assertThat(borrowed).hasValue(4);
    }

    @Test
    void trustsARead30SecondsByDefault() throws Exception {
        JdbcAllowlistSource defaults = JdbcAllowlistSource.builder(database::connect, US).clock(clock).build();
        assertThat(defaults.current().isEmpty()).isTrue();
        execute("INSERT INTO sosops_recipient_allowlist (entry, added_by) VALUES ('+15555550197', 'psql')");
        clock.advance(Duration.ofSeconds(29));
        assertThat(defaults.current().isEmpty()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(defaults.current().containsPhone("+15555550197")).isTrue();
    }

    @Test
    void acceptsOnlyAPlainTableNameAndAPositiveCacheDuration() {
        JdbcAllowlistSource.Builder builder = JdbcAllowlistSource.builder(database::connect, US);
        assertThatThrownBy(() -> builder.table("allowlist; DROP TABLE users"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL identifier");
        assertThatThrownBy(() -> builder.table(null)).hasMessageContaining("plain SQL identifier");
        assertThatThrownBy(() -> builder.cacheFor(Duration.ZERO)).hasMessage("allowlist cache duration must be positive");
        assertThatThrownBy(() -> builder.cacheFor(Duration.ofSeconds(-1))).hasMessage("allowlist cache duration must be positive");
        assertThat(builder.cacheFor(Duration.ofNanos(1))).isSameAs(builder);
        assertThat(builder.build().description()).isEqualTo("table " + JdbcAllowlistSource.DEFAULT_TABLE);
    }

    private DataSource countingDataSource(AtomicInteger borrowed) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                borrowed.incrementAndGet();
                return database.connect();
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
