package org.sosops.env.cli.promotion;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.DatabaseUrlOption;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.order.MigrationRef;
import org.sosops.env.promotion.order.PromotionCheck;
import org.sosops.env.promotion.order.PromotionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sosops-env migrations promotable --from-database-url-env VAR [--to-database-url-env VAR] [--migrations DIR]}:
 * the databases' URLs are read from the named variables, never taken on the command line.
 */
@Command(name = "promotable", mixinStandardHelpOptions = true,
        description = {"Promotion order: exit 1 naming every migration the target would get that the source has not applied.",
                "Reads flyway_schema_history and _prisma_migrations of both databases. The target would get the",
                "migrations the source's history records and, with --migrations, every migration file under DIR."})
public final class MigrationsPromotableCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--from-database-url-env", paramLabel = "VAR", required = true,
            description = "The variable holding the source database's URL (the environment before the target, e.g. STAGING_DATABASE_URL).")
    private String from;

    @Option(names = "--to-database-url-env", paramLabel = "VAR", defaultValue = DatabaseUrlOption.DEFAULT_VARIABLE,
            description = "The variable holding the target database's URL (default: ${DEFAULT-VALUE}).")
    private String to;

    @Option(names = "--migrations", paramLabel = "DIR", description = "The migrations to be deployed (Prisma or Flyway layout).")
    private Path migrations;

    @Override
    public Integer call() {
        PostgresTarget source = PostgresTarget.of(DatabaseUrlOption.resolve("--from-database-url-env", from, true).orElseThrow());
        PostgresTarget target = PostgresTarget.of(DatabaseUrlOption.resolve("--to-database-url-env", to, true).orElseThrow());
        PromotionReport report = PromotionInputs.guard(() -> PromotionCheck.between(source, target, Optional.ofNullable(migrations)));
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeBooleanField("ok", report.ok());
                json.writeStringField("source", report.source());
                json.writeStringField("target", report.target());
                json.writeArrayFieldStart("pending");
                for (PromotionReport.Pending p : report.pending()) {
                    json.writeStartObject();
                    json.writeStringField("tool", p.migration().tool().id());
                    json.writeStringField("migration", p.migration().id());
                    if (p.file().isPresent()) {
                        json.writeStringField("file", p.file().get());
                    }
                    json.writeBooleanField("blocked", p.blocked());
                    if (p.problem().isPresent()) {
                        json.writeStringField("reason", p.problem().get());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("target_ahead");
                for (MigrationRef ref : report.targetAhead()) {
                    json.writeStartObject();
                    json.writeStringField("tool", ref.tool().id());
                    json.writeStringField("migration", ref.id());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        } else {
            out.println(report.toText());
            out.flush();
        }
        return report.ok() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }
}
