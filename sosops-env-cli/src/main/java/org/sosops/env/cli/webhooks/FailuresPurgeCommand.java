package org.sosops.env.cli.webhooks;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.webhooks.failures.FailureRetention;
import org.sosops.env.webhooks.failures.FailureStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failures purge --older-than 30d}: deletes records received before now minus the period. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete stored webhook failures received longer ago than --older-than (e.g. 30d, 12h).")
final class FailuresPurgeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Mixin
    private FailuresCommand.StoreOptions store;

    @Option(names = "--older-than", required = true, paramLabel = "AGE",
            description = "A whole number of days or hours: 30d, 12h.")
    private String olderThan;

    @Override
    public Integer call() {
        FailureRetention retention;
        try {
            retention = FailureRetention.parse(olderThan);
        } catch (IllegalArgumentException e) {
            throw new InputException("--older-than: " + e.getMessage());
        }
        Instant cutoff = FailuresCommand.clock.instant().minus(retention.period());
        int deleted;
        try (FailuresCommand.Opened opened = store.open()) {
            deleted = opened.store().deleteReceivedBefore(cutoff);
        } catch (FailureStoreException e) {
            throw new InputException("the failure store cannot be purged (" + e.getMessage() + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeNumberField("deleted", deleted);
                json.writeStringField("older_than", retention.toString());
                json.writeStringField("cutoff", cutoff.toString());
                json.writeEndObject();
            });
        } else {
            out.println(deleted + " webhook failure(s) received before " + cutoff + " deleted");
        }
        out.flush();
        return ExitCode.CLEAN;
    }
}
