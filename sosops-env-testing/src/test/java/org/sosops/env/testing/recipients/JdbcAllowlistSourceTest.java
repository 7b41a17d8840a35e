package org.sosops.env.testing.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.AllowlistException;
import org.sosops.env.core.recipients.GuardDecision;
import org.sosops.env.core.recipients.JdbcAllowlistSource;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.recipients.RecipientNormalizer;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.testing.junit.SosOpsEnvironment;
import org.sosops.env.testing.junit.SosOpsTestEnvironment;

/** The PostgreSQL allowlist, for real: a scratch database per test. */
@SosOpsEnvironment(value = AppEnv.STAGING, allowlistStaff = false)
class JdbcAllowlistSourceTest {
    private ScratchDatabase database;
    private JdbcAllowlistSource source;
    private RecipientGuard guard;

    @BeforeEach
    void createTable(SosOpsTestEnvironment env) throws SQLException {
        database = ScratchDatabase.create("allowlist");
        source = JdbcAllowlistSource.builder(database::connect, RecipientNormalizer.forRegion("US"))
                .cacheFor(Duration.ofSeconds(30)).clock(env.clock()).build();
        source.createTableIfMissing();
        guard = RecipientGuard.builder(env.policy()).allowlist(source).clock(env.clock()).auditSink(env.audit()).build();
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
    void readsTheTableAgainOnlyAfterTheCacheExpires(SosOpsTestEnvironment env) throws SQLException {
        assertThat(guard.checkSms("+15555550192").allowed()).isFalse();
        execute("INSERT INTO sosops_recipient_allowlist (entry, added_by) VALUES ('+15555550192', 'psql')");
        assertThat(guard.checkSms("+15555550192").allowed()).as("still the cached read").isFalse();
        env.clock().advance(Duration.ofSeconds(31));
        assertThat(guard.checkSms("+15555550192").allowed()).isTrue();
    }

    @Test
    void failsClosedOnceTheDatabaseIsGoneAndTheCacheHasExpired(SosOpsTestEnvironment env) throws SQLException {
        source.add("+15555550193", "ops-lead");
        assertThat(guard.checkSms("+15555550193").allowed()).isTrue();
        database.close();
        env.clock().advance(Duration.ofSeconds(31));
        GuardDecision decision = guard.checkSms("+15555550193");
        assertThat(decision).isInstanceOfSatisfying(GuardDecision.Refused.class, refused -> {
            assertThat(refused.rule()).isEqualTo(RuleId.RECIPIENT_NOT_ALLOWLISTED);
            assertThat(refused.reason()).contains("allowlist source unavailable: table sosops_recipient_allowlist")
                    .contains("cannot be read");
        });
    }

    @Test
    void failsClosedOnAMalformedRowAndNamesIt() throws SQLException {
        execute("INSERT INTO sosops_recipient_allowlist (entry, added_by) VALUES ('+15555550194', 'psql'), "
                + "('call the office', 'psql')");
        GuardDecision decision = guard.checkSms("+15555550194");
        assertThat(decision).isInstanceOfSatisfying(GuardDecision.Refused.class, refused ->
                assertThat(refused.reason()).contains("row 2").contains("is not a phone number").contains("fix or delete the row"));
    }

    @Test
    void refusesToStoreAMalformedEntry() {
        assertThatThrownBy(() -> source.add("not a number", "ops-lead")).isInstanceOf(AllowlistException.class);
    }

    @Test
    void acceptsOnlyAPlainTableName() {
        assertThatThrownBy(() -> JdbcAllowlistSource.builder(database::connect, RecipientNormalizer.forRegion("US"))
                .table("allowlist; DROP TABLE users")).hasMessageContaining("plain SQL identifier");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
