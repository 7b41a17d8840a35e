package org.sosops.env.cli.promotion;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.DatabaseUrlOption;
import org.sosops.env.cli.support.EnvironmentNames;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.order.MigrationHistory;
import org.sosops.env.promotion.order.MigrationRef;
import org.sosops.env.promotion.restore.RestoreDrill;
import org.sosops.env.promotion.restore.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sosops-env restore [--backups DIR] [--database-url-env VAR] [--allow-prod]}: the
 * rollback helper and the restore drill.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore the newest gzip SQL backup (*.sql.gz) under ./backups (or --backups DIR) through psql into",
                "the database named by $DATABASE_URL (or the variable --database-url-env names), in one transaction,",
                "then print its migration status. A prod database is refused without --allow-prod."})
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--backups", paramLabel = "DIR", defaultValue = "backups",
            description = "Directory of *.sql.gz backups (default: ./${DEFAULT-VALUE}).")
    private Path backups;

    @Mixin
    private DatabaseUrlOption database;

    @Option(names = "--env", paramLabel = "NAME", description = "The target's environment; prod is refused without --allow-prod.")
    private String environment;

    @Option(names = "--allow-prod", description = "Allow restoring into a production database (deliberate recovery only).")
    private boolean allowProd;

    @Override
    public Integer call() {
        PostgresTarget target = PostgresTarget.of(database.required());
        RestoreDrill.Builder drill = RestoreDrill.builder(backups, target);
        if (environment != null) {
            drill.environment(EnvironmentNames.parseOption(environment));
        }
        if (allowProd) {
            drill.allowProduction();
        }
        RestoreResult result = PromotionInputs.guard(() -> drill.build().run());
        PrintWriter out = spec.commandLine().getOut();
        MigrationHistory history = result.history();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeBooleanField("ok", true);
                json.writeStringField("backup", result.backup().toString());
                json.writeStringField("database", result.database());
                json.writeNumberField("compressed_bytes", result.compressedBytes());
                json.writeNumberField("duration_ms", result.took().toMillis());
                json.writeArrayFieldStart("migrations");
                for (Map.Entry<MigrationRef, MigrationHistory.MigrationState> e : history.states().entrySet()) {
                    json.writeStartObject();
                    json.writeStringField("tool", e.getKey().tool().id());
                    json.writeStringField("migration", e.getKey().id());
                    json.writeStringField("state", e.getValue().name().toLowerCase(java.util.Locale.ROOT));
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        } else {
            out.println("Restored " + result.backup() + " (" + result.compressedBytes() + " bytes compressed) into "
                    + result.database() + " in " + result.took().toMillis() + " ms");
            if (history.states().isEmpty()) {
                out.println("Migration status: no flyway_schema_history or _prisma_migrations table in the restored database");
            } else {
                out.println("Migration status:");
                history.states().forEach((ref, state) -> out.println("  " + state.name().toLowerCase(java.util.Locale.ROOT)
                        + "  " + ref));
            }
            out.flush();
        }
        return ExitCode.CLEAN;
    }
}
