package org.sosops.env.cli.promotion;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.Annotations;
import org.sosops.env.cli.support.EnvironmentNames;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FindingsFormatOption;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.cli.support.RegisterOption;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.promotion.gate.Baseline;
import org.sosops.env.promotion.gate.BaselineEntry;
import org.sosops.env.promotion.gate.GateReport;
import org.sosops.env.promotion.gate.MigrationFinding;
import org.sosops.env.promotion.gate.MigrationGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sosops-env migrations check DIR [--baseline FILE]}: exit 1 on risky statements not in the baseline. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Scan every *.sql file under DIR (Prisma */migration.sql, Flyway V*__*.sql, plain files)",
                "for DROP TABLE, DROP COLUMN, TRUNCATE, ALTER TYPE and DELETE FROM.",
                "Exit 1 on findings missing from the baseline; stale baseline entries are listed, not failed."})
public final class MigrationsCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FindingsFormatOption format;

    @Mixin
    private RegisterOption register;

    @Option(names = "--env", paramLabel = "NAME",
            description = "The environment the migrations go to next: register entries for it (or all) waive findings.")
    private String environment;

    @Parameters(index = "0", paramLabel = "DIR", description = "The migrations directory.")
    private Path directory;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Reviewed findings (default: ./" + Baseline.DEFAULT_FILE + " when it exists; "
                    + "a named file must exist).")
    private Path baseline;

    @Override
    public Integer call() {
        java.util.Optional<String> env = java.util.Optional.ofNullable(environment)
                .map(name -> EnvironmentNames.parseOption(name).id());
        GateReport report = register.apply(PromotionInputs.guard(() -> MigrationGate.check(directory, baseline())), env);
        PrintWriter out = spec.commandLine().getOut();
        if (format.annotations()) {
            Annotations.of(report, directory.toString()).print(format.get(), out);
        } else if (format.json()) {
            JsonOutput.print(out, json -> write(json, report));
        } else {
            out.println(report.toText(directory.toString().endsWith("/") ? directory.toString() : directory + "/"));
            out.flush();
        }
        return report.ok() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    private Baseline baseline() {
        if (baseline != null) {
            return Baseline.read(baseline);
        }
        Path fallback = Path.of(Baseline.DEFAULT_FILE);
        return Files.isRegularFile(fallback) ? Baseline.read(fallback) : Baseline.empty();
    }

    /** The JSON of docs/promotion.md. */
    static void write(JsonGenerator json, GateReport report) throws IOException {
        json.writeStartObject();
        json.writeBooleanField("ok", report.ok());
        json.writeArrayFieldStart("findings");
        for (MigrationFinding finding : report.findings()) {
            json.writeStartObject();
            json.writeStringField("rule", RuleId.MIGRATION_RISKY.id());
            json.writeStringField("file", finding.file());
            json.writeNumberField("line", finding.line());
            json.writeStringField("pattern", finding.pattern().label());
            json.writeStringField("statement", finding.statement());
            json.writeBooleanField("baselined", finding.baselined());
            if (finding.waiver().isPresent()) {
                json.writeBooleanField("waived", true);
                json.writeStringField("waiver", finding.waiver().get());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        if (!report.registerProblems().isEmpty()) {
            json.writeArrayFieldStart("register");
            for (org.sosops.env.core.rules.Finding problem : report.registerProblems()) {
                org.sosops.env.cli.support.FindingsOutput.writeFinding(json, problem);
            }
            json.writeEndArray();
        }
        json.writeArrayFieldStart("stale");
        for (BaselineEntry entry : report.stale()) {
            json.writeStartObject();
            json.writeStringField("file", entry.file());
            json.writeStringField("statement", entry.statement());
            json.writeArrayFieldStart("patterns");
            for (String pattern : entry.patterns()) {
                json.writeString(pattern);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("files", report.filesScanned());
        json.writeEndObject();
    }
}
