package org.sosops.env.promotion.order;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.sosops.env.promotion.gate.MigrationLayout;

/**
 * The applied-migration history of one database, read from Flyway's {@code flyway_schema_history}
 * and Prisma's {@code _prisma_migrations} (either, both or neither may exist).
 *
 * <pre>{@code
 * MigrationHistory staging = MigrationHistory.read(connection);
 * boolean proven = staging.isApplied(new MigrationRef(MigrationTool.FLYWAY, "3"));
 * }</pre>
 */
public final class MigrationHistory {
    private final Map<MigrationRef, MigrationState> states;
    private final Set<MigrationTool> tools;
    private final Optional<String> flywayBaseline;

    private MigrationHistory(Map<MigrationRef, MigrationState> states, Set<MigrationTool> tools,
                             Optional<String> flywayBaseline) {
        this.states = Collections.unmodifiableMap(states);
        this.tools = Collections.unmodifiableSet(tools);
        this.flywayBaseline = flywayBaseline;
    }

    /** What a history says of one migration. */
    public enum MigrationState {
        /** Ran to completion and was not rolled back. */
        APPLIED,
        /** Recorded, but failed, unfinished or rolled back. */
        FAILED
    }

    /** Reads the history tables visible on the connection's search path. */
    public static MigrationHistory read(Connection connection) throws SQLException {
        Map<MigrationRef, MigrationState> states = new TreeMap<>();
        Set<MigrationTool> tools = EnumSet.noneOf(MigrationTool.class);
        String baseline = null;
        try (Statement statement = connection.createStatement()) {
            if (exists(statement, "flyway_schema_history")) {
                tools.add(MigrationTool.FLYWAY);
                try (ResultSet rows = statement.executeQuery(
                        "SELECT version, type, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
                    while (rows.next()) {
                        String version = MigrationLayout.normalizeVersion(rows.getString(1));
                        boolean success = rows.getBoolean(3);
                        if ("BASELINE".equalsIgnoreCase(rows.getString(2)) && success) {
                            baseline = baseline == null || MigrationRef.compareVersions(version, baseline) > 0 ? version : baseline;
                        }
                        record(states, new MigrationRef(MigrationTool.FLYWAY, version), success);
                    }
                }
            }
            if (exists(statement, "_prisma_migrations")) {
                tools.add(MigrationTool.PRISMA);
                try (ResultSet rows = statement.executeQuery("SELECT migration_name,"
                        + " finished_at IS NOT NULL AND rolled_back_at IS NULL FROM _prisma_migrations")) {
                    while (rows.next()) {
                        record(states, new MigrationRef(MigrationTool.PRISMA, rows.getString(1)), rows.getBoolean(2));
                    }
                }
            }
        }
        return new MigrationHistory(states, tools, Optional.ofNullable(baseline));
    }

    /** A history built in memory, for tests and tools that keep their own records. */
    public static MigrationHistory of(Map<MigrationRef, MigrationState> states) {
        Set<MigrationTool> tools = EnumSet.noneOf(MigrationTool.class);
        states.keySet().forEach(r -> tools.add(r.tool()));
        return new MigrationHistory(new TreeMap<>(states), tools, Optional.empty());
    }

    /** Every recorded migration and its state, in migration order. */
    public Map<MigrationRef, MigrationState> states() {
        return states;
    }

    /** The tools whose history table exists. */
    public Set<MigrationTool> tools() {
        return tools;
    }

    /** True when the migration completed here, or lies at or below a Flyway baseline. */
    public boolean isApplied(MigrationRef migration) {
        if (states.get(migration) == MigrationState.APPLIED) {
            return true;
        }
        return migration.tool() == MigrationTool.FLYWAY && flywayBaseline
                .map(b -> MigrationRef.compareVersions(migration.id(), b) <= 0).orElse(false);
    }

    public Optional<MigrationState> state(MigrationRef migration) {
        return Optional.ofNullable(states.get(migration));
    }

    private static void record(Map<MigrationRef, MigrationState> states, MigrationRef ref, boolean applied) {
        // A migration retried after a failure has several rows: one success is enough.
        states.merge(ref, applied ? MigrationState.APPLIED : MigrationState.FAILED,
                (a, b) -> a == MigrationState.APPLIED || b == MigrationState.APPLIED ? MigrationState.APPLIED : MigrationState.FAILED);
    }

    private static boolean exists(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            return rows.next() && rows.getBoolean(1);
        }
    }
}
