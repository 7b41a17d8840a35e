package org.sosops.env.cli.webhooks;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code failures list}: newest first. JSON: {@code {"failures": [{"id", "request_id", "endpoint",
 * "provider", "reason", "received_at", "replayed"}]}}.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List stored webhook failures, newest first.")
final class FailuresListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Mixin
    private FailuresCommand.StoreOptions store;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N records (default ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new InputException("--limit must be at least 1");
        }
        List<FailureRecord> failures;
        try (FailuresCommand.Opened opened = store.open()) {
            failures = opened.store().list(limit);
        } catch (FailureStoreException e) {
            throw new InputException("the failure store cannot be read (" + e.getMessage() + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeArrayFieldStart("failures");
                for (FailureRecord f : failures) {
                    FailuresCommand.writeFailure(json, f);
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        } else if (failures.isEmpty()) {
            out.println("no stored webhook failures");
        } else {
            for (FailureRecord f : failures) {
                out.println(f.receivedAt() + "  " + f.id() + "  " + f.provider() + " " + f.endpoint() + "  "
                        + f.reason() + "  request " + f.requestId() + (f.truncated() ? "  (truncated)" : "")
                        + (f.replayed() ? "  (replayed)" : ""));
            }
        }
        out.flush();
        return ExitCode.CLEAN;
    }
}
