package org.sosops.env.cli.promotion;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.promotion.gate.Baseline;
import org.sosops.env.promotion.gate.MigrationFinding;
import org.sosops.env.promotion.gate.MigrationGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sosops-env migrations baseline DIR --baseline FILE}: record today's findings as reviewed. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Record every risky statement under DIR as reviewed, in FILE (rewritten: stale entries go).",
                "Commit the file; 'migrations check' then fails only on new risky statements."})
public final class MigrationsBaselineCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Parameters(index = "0", paramLabel = "DIR", description = "The migrations directory.")
    private Path directory;

    @Option(names = "--baseline", paramLabel = "FILE", required = true, description = "The baseline file to write.")
    private Path baseline;

    @Override
    public Integer call() {
        List<MigrationFinding> findings = PromotionInputs.guard(() -> MigrationGate.scan(directory));
        Baseline written = Baseline.fromFindings(findings);
        PromotionInputs.guard(() -> {
            written.write(baseline);
            return null;
        });
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeBooleanField("ok", true);
                json.writeStringField("baseline", baseline.toString());
                json.writeNumberField("entries", written.size());
                json.writeEndObject();
            });
        } else {
            out.println("Wrote " + written.size() + (written.size() == 1 ? " entry" : " entries") + " to " + baseline
                    + " (" + findings.size() + " risky statements under " + directory + ")");
            out.flush();
        }
        return ExitCode.CLEAN;
    }
}
