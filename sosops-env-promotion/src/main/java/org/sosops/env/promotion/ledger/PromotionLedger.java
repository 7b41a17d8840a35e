package org.sosops.env.promotion.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.db.PostgresTarget;

/**
 * The promotion ledger: a PostgreSQL table of evidence (commit, environment, check, result, time)
 * written by {@code smoke --record} and read by {@code launch-gate --target prod}. Rows are only
 * ever added, so the ledger is an audit trail. Thread-safe. It borrows one connection per call:
 * from the host's {@link DataSource} ({@link #on}), never closed here, or, for the command line's
 * one-shot commands, straight from a {@link PostgresTarget} (a pool would outlive the command).
 *
 * <pre>{@code
 * PromotionLedger ledger = PromotionLedger.at(PostgresTarget.parse("SOSOPS_PROMOTION_LEDGER_URL", url), Clock.systemUTC());
 * PromotionLedger hosted = PromotionLedger.on(hostDataSource, Clock.systemUTC());   // a long-running host's pool
 * ledger.record("3f2c…", "staging", "smoke", LedgerEntry.Result.PASS);
 * boolean proven = ledger.latest("3f2c…", "staging", "smoke").map(e -> e.result() == PASS).orElse(false);
 * }</pre>
 */
public final class PromotionLedger {
    /** The table, created on first use. */
    public static final String TABLE = "sosops_promotion_ledger";

    private final Connections database;
    private final Clock clock;

    private PromotionLedger(Connections database, Clock clock) {
        this.database = Objects.requireNonNull(database);
        this.clock = Objects.requireNonNull(clock);
    }

    public static PromotionLedger at(PostgresTarget database, Clock clock) {
        Objects.requireNonNull(database, "database");
        return new PromotionLedger(new Connections(database::connect, database::unreachable, database), clock);
    }

    /** The ledger in the host's PostgreSQL {@link DataSource}; the ledger never closes it. */
    public static PromotionLedger on(DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new PromotionLedger(new Connections(dataSource::getConnection,
                e -> new PromotionInputException("cannot use the ledger database (the application's DataSource): "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ")), e),
                null), clock);
    }

    /** The database named by URL; empty for a ledger on a host's {@link DataSource}. */
    public Optional<PostgresTarget> target() {
        return Optional.ofNullable(database.target());
    }

    /** Where connections come from, and how a failure is told. */
    private record Connections(Opener opener, Function<SQLException, PromotionInputException> unreachable,
                               PostgresTarget target) {
        Connection connect() throws SQLException {
            return opener.open();
        }
    }

    @FunctionalInterface
    private interface Opener {
        Connection open() throws SQLException;
    }

    /** Adds one row; the time comes from the clock. */
    public LedgerEntry record(String commit, String environment, String check, LedgerEntry.Result result) {
        LedgerEntry entry = new LedgerEntry(normalizeCommit(commit), environment, check, result, clock.instant());
        recordAll(List.of(entry));
        return entry;
    }

    /** Adds rows in one transaction. */
    public void recordAll(List<LedgerEntry> entries) {
        try (Connection c = database.connect()) {
            ensureTable(c);
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                    + " (commit_sha, environment, check_name, result, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
                for (LedgerEntry e : entries) {
                    insert.setString(1, normalizeCommit(e.commit()));
                    insert.setString(2, e.environment());
                    insert.setString(3, e.check());
                    insert.setString(4, e.result().id());
                    insert.setTimestamp(5, Timestamp.from(e.recordedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw database.unreachable().apply(e);
        }
    }

    /** The newest entry for exactly this commit, environment and check. */
    public Optional<LedgerEntry> latest(String commit, String environment, String check) {
        List<LedgerEntry> found = query("WHERE commit_sha = ? AND environment = ? AND check_name = ?"
                + " ORDER BY recorded_at DESC, id DESC LIMIT 1", normalizeCommit(commit), environment, check);
        return found.stream().findFirst();
    }

    /** Every entry for a commit, oldest first. */
    public List<LedgerEntry> history(String commit) {
        return query("WHERE commit_sha = ? ORDER BY recorded_at, id", normalizeCommit(commit));
    }

    private List<LedgerEntry> query(String where, String... parameters) {
        try (Connection c = database.connect()) {
            ensureTable(c);
            try (PreparedStatement select = c.prepareStatement("SELECT commit_sha, environment, check_name, result, recorded_at FROM "
                    + TABLE + " " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                List<LedgerEntry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new LedgerEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                                LedgerEntry.Result.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                                rows.getTimestamp(5).toInstant()));
                    }
                }
                return entries;
            }
        } catch (SQLException e) {
            throw database.unreachable().apply(e);
        }
    }

    private static void ensureTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGSERIAL PRIMARY KEY, commit_sha TEXT NOT NULL,"
                    + " environment TEXT NOT NULL, check_name TEXT NOT NULL,"
                    + " result TEXT NOT NULL CHECK (result IN ('pass', 'fail')), recorded_at TIMESTAMPTZ NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_commit ON " + TABLE + " (commit_sha, environment, check_name)");
        }
    }

    /** Commits are compared as full lower-case hashes. */
    static String normalizeCommit(String commit) {
        return commit.strip().toLowerCase(Locale.ROOT);
    }
}
