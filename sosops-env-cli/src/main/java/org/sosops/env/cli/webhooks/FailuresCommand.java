package org.sosops.env.cli.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.FailureStoreException;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.jdbc.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env webhooks failures list|replay --database-url URL}. */
@Command(name = "failures", mixinStandardHelpOptions = true,
        description = "The stored webhook failures (refused or failed requests).",
        subcommands = {FailuresCommand.ListCommand.class, FailuresCommand.ReplayCommand.class})
public final class FailuresCommand {

    static FailureStore open(String databaseUrl) {
        Database database;
        try {
            database = Database.fromUrl(databaseUrl);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InputException("--database-url: " + e.getMessage());
        }
        try {
            return JdbcFailureStore.open(database);
        } catch (FailureStoreException e) {
            throw new InputException("--database-url: " + e.getMessage());
        }
    }

    static void writeFailure(JsonGenerator json, FailureRecord f) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", f.id());
        json.writeStringField("request_id", f.requestId());
        json.writeStringField("endpoint", f.endpoint());
        json.writeStringField("provider", f.provider());
        json.writeStringField("reason", f.reason());
        json.writeStringField("received_at", f.receivedAt().toString());
        json.writeBooleanField("replayed", f.replayed());
        json.writeEndObject();
    }

    /** {@code failures list}: newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored webhook failures, newest first.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private FormatOption format;

        @Option(names = "--database-url", required = true, paramLabel = "URL",
                description = "postgres://, postgresql://, jdbc:postgresql:// or jdbc:h2: URL of the store.")
        private String databaseUrl;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N records (default ${DEFAULT-VALUE}).")
        private int limit;

        @Override
        public Integer call() {
            List<FailureRecord> failures = listOrExplain(open(databaseUrl));
            PrintWriter out = spec.commandLine().getOut();
            if (format.json()) {
                try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
                    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    json.useDefaultPrettyPrinter();
                    json.writeStartObject();
                    json.writeArrayFieldStart("failures");
                    for (FailureRecord f : failures) {
                        writeFailure(json, f);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.println();
            } else if (failures.isEmpty()) {
                out.println("no stored webhook failures");
            } else {
                for (FailureRecord f : failures) {
                    out.println(f.receivedAt() + "  " + f.id() + "  " + f.provider() + " " + f.endpoint() + "  "
                            + f.reason() + "  request " + f.requestId() + (f.replayed() ? "  (replayed)" : ""));
                }
            }
            out.flush();
            return ExitCode.CLEAN;
        }

        private List<FailureRecord> listOrExplain(FailureStore store) {
            if (limit < 1) {
                throw new InputException("--limit must be at least 1");
            }
            try {
                return store.list(limit);
            } catch (FailureStoreException e) {
                throw new InputException("--database-url: " + e.getMessage());
            }
        }
    }

    /**
     * {@code failures replay}: re-sends stored requests to the host's replay target, which runs
     * its processing without verification (the stored copy has no signing headers), and marks each
     * record replayed when the target answers 2xx.
     */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Replay stored webhook failures: POST each raw request to the application's replay target",
                    "(an internal endpoint that calls WebhookGuard.replay or its own processing) and mark it replayed on 2xx."})
    static final class ReplayCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private FormatOption format;

        @Option(names = "--database-url", required = true, paramLabel = "URL", description = "The store's database URL.")
        private String databaseUrl;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "A failure id (repeatable).")
        private List<String> ids = new ArrayList<>();

        @Option(names = "--to", required = true, paramLabel = "URL", description = "The replay target URL.")
        private URI target;

        @Override
        public Integer call() throws Exception {
            FailureStore store = open(databaseUrl);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            PrintWriter out = spec.commandLine().getOut();
            List<String[]> results = new ArrayList<>();
            boolean allReplayed = true;
            for (String id : ids) {
                Optional<FailureRecord> found = store.find(id);
                if (found.isEmpty()) {
                    throw new InputException("--id " + id + ": no such webhook failure");
                }
                FailureRecord f = found.get();
                HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                        .header("X-Request-Id", f.requestId()).header("X-Sosops-Replay-Of", f.id())
                        .header("X-Sosops-Replay-Endpoint", f.endpoint())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(f.body()));
                f.headers().getOrDefault("content-type", List.of()).stream().findFirst()
                        .ifPresent(type -> request.header("Content-Type", type));
                int status;
                try {
                    status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    throw new InputException("--to " + target + ": " + e.getClass().getSimpleName());
                }
                if (status / 100 == 2) {
                    store.markReplayed(id, Clock.systemUTC().instant());
                } else {
                    allReplayed = false;
                }
                results.add(new String[] {id, Integer.toString(status)});
            }
            if (format.json()) {
                try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
                    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    json.useDefaultPrettyPrinter();
                    json.writeStartObject();
                    json.writeArrayFieldStart("replayed");
                    for (String[] r : results) {
                        json.writeStartObject();
                        json.writeStringField("id", r[0]);
                        json.writeNumberField("status", Integer.parseInt(r[1]));
                        json.writeBooleanField("replayed", r[1].startsWith("2"));
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
                out.println();
            } else {
                for (String[] r : results) {
                    out.println(r[0] + ": " + (r[1].startsWith("2") ? "replayed" : "refused by the target") + " (HTTP " + r[1] + ")");
                }
            }
            out.flush();
            return allReplayed ? ExitCode.CLEAN : ExitCode.FINDINGS;
        }
    }
}
