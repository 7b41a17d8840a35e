package org.sosops.env.promotion.order;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.gate.MigrationGate;
import org.sosops.env.promotion.gate.MigrationLayout;

/**
 * Promotion order (local → dev → staging → prod): may the target receive its pending migrations,
 * given what the source (the environment before it) has applied?
 *
 * <p>The target "would get" every migration file under the migrations directory (when given)
 * and every migration the source's history records, that the target has not applied. Each of
 * those the source has not applied (missing, failed or rolled back) blocks the promotion.
 *
 * <pre>{@code
 * PromotionReport report = PromotionCheck.between(
 *         PostgresTarget.parse("staging", stagingUrl), PostgresTarget.parse("prod", prodUrl),
 *         Optional.of(Path.of("prisma/migrations")));
 * report.blocked().forEach(b -> System.out.println(b.migration() + ": " + b.reason()));
 * }</pre>
 */
public final class PromotionCheck {
    private PromotionCheck() {
    }

    /** Reads both databases' histories and compares them. */
    public static PromotionReport between(PostgresTarget source, PostgresTarget target, Optional<Path> migrations) {
        MigrationHistory from = history(source);
        MigrationHistory to = history(target);
        Map<MigrationRef, String> files = migrations.map(PromotionCheck::migrationFiles).orElse(Map.of());
        return compare(source.toString(), from, target.toString(), to, files);
    }

    /** The migration files under {@code directory} that a tool records, with their relative names. */
    public static Map<MigrationRef, String> migrationFiles(Path directory) {
        Map<MigrationRef, String> files = new TreeMap<>();
        for (Path file : MigrationGate.sqlFiles(directory)) {
            MigrationLayout layout = MigrationLayout.of(file);
            Optional<String> id = MigrationLayout.migrationId(file);
            if (id.isPresent() && layout != MigrationLayout.PLAIN) {
                MigrationTool tool = layout == MigrationLayout.FLYWAY ? MigrationTool.FLYWAY : MigrationTool.PRISMA;
                files.put(new MigrationRef(tool, id.get()), MigrationGate.relativeName(directory, file));
            }
        }
        return files;
    }

    /** Compares two histories (and optionally the files to be deployed). */
    public static PromotionReport compare(String sourceName, MigrationHistory source, String targetName,
                                          MigrationHistory target, Map<MigrationRef, String> files) {
        Map<MigrationRef, Optional<String>> wouldGet = new TreeMap<>();
        files.forEach((ref, file) -> {
            if (!target.isApplied(ref)) {
                wouldGet.put(ref, Optional.of(file));
            }
        });
        for (MigrationRef ref : source.states().keySet()) {
            if (!target.isApplied(ref)) {
                wouldGet.putIfAbsent(ref, Optional.empty());
            }
        }
        List<PromotionReport.Pending> pending = new ArrayList<>();
        wouldGet.forEach((ref, file) -> {
            Optional<String> problem = source.isApplied(ref) ? Optional.empty()
                    : Optional.of(source.state(ref).map(s -> "failed or rolled back on " + sourceName)
                    .orElse("never applied on " + sourceName));
            pending.add(new PromotionReport.Pending(ref, file, problem));
        });
        List<MigrationRef> ahead = new ArrayList<>();
        for (MigrationRef ref : target.states().keySet()) {
            if (target.isApplied(ref) && !source.isApplied(ref)) {
                ahead.add(ref);
            }
        }
        return new PromotionReport(sourceName, targetName, pending, ahead);
    }

    private static MigrationHistory history(PostgresTarget database) {
        try (Connection connection = database.connect()) {
            return MigrationHistory.read(connection);
        } catch (SQLException e) {
            throw database.unreachable(e);
        }
    }
}
