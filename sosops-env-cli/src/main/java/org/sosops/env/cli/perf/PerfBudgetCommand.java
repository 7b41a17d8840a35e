package org.sosops.env.cli.perf;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sosops-env perf-budget --results FILE --budget FILE}: exit 1 naming every benchmark over budget. */
@Command(name = "perf-budget", mixinStandardHelpOptions = true,
        description = {"Hold JMH results (-rf json) to a budget: per benchmark-name regex, a largest time per",
                "operation, a largest allocation per operation (needs -prof gc) or a largest ratio to a peer",
                "benchmark of the same run. Exit 1 naming every benchmark over budget, 0 when all fit."})
public final class PerfBudgetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--results", required = true, paramLabel = "FILE", description = "JMH results, written with -rf json -rff FILE.")
    private Path results;

    @Option(names = "--budget", required = true, paramLabel = "FILE",
            description = "The budget: {\"regex\": {\"max_ns_per_op\": N, \"max_bytes_per_op\": N}} or "
                    + "{\"regex\": {\"max_ratio_to\": \"peer\", \"max_ratio\": R}}; a value may be an array of limits.")
    private Path budget;

    @Override
    public Integer call() {
        PerfBudget limits = PerfBudget.read(budget);
        BudgetVerdict verdict = BudgetVerdict.judge(limits, JmhResult.read(results));
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            printJson(verdict, out);
        } else {
            out.println(verdict.toText());
            out.flush();
        }
        return verdict.ok() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    /** {@code {"ok", "over": [names], "checks": [{benchmark, budget, metric, value, limit, ok, problem}], "unmatched"}}. */
    private static void printJson(BudgetVerdict verdict, PrintWriter out) {
        JsonOutput.print(out, json -> {
            json.writeStartObject();
            json.writeBooleanField("ok", verdict.ok());
            json.writeArrayFieldStart("over");
            for (String name : verdict.over()) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("checks");
            for (BudgetVerdict.Check check : verdict.checks()) {
                json.writeStartObject();
                json.writeStringField("benchmark", check.benchmark());
                json.writeStringField("budget", check.budget());
                json.writeStringField("metric", check.metric());
                if (check.value().isPresent()) {
                    json.writeNumberField("value", check.value().getAsDouble());
                }
                json.writeNumberField("limit", check.limit());
                json.writeBooleanField("ok", check.ok());
                if (check.problem().isPresent()) {
                    json.writeStringField("problem", check.problem().get());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("unmatched");
            for (String key : verdict.unmatched()) {
                json.writeString(key);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
        out.flush();
    }
}
