package org.sosops.env.cli.webhooks;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.sosops.env.cli.support.DatabaseUrlOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStoreException;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.jdbc.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sosops-env webhooks failures list|replay|purge}: the stored webhook failures. The store is
 * named by {@code --database-url-env VAR} (default {@code DATABASE_URL}) or, for the embedded store
 * of a stopped application, {@code --data-dir DIR}; a database URL is never taken on the command line.
 */
@Command(name = "failures", mixinStandardHelpOptions = true,
        description = "The stored webhook failures (refused or failed requests): list, replay after re-verification, purge.",
        subcommands = {FailuresListCommand.class, FailuresReplayCommand.class, FailuresPurgeCommand.class})
public final class FailuresCommand {
    /** How clock time is read; tests fix it. */
    static Clock clock = Clock.systemUTC();

    /** Where the store is: a PostgreSQL URL in a named variable, or an embedded store's folder. */
    static final class StoreOptions {
        @Mixin
        DatabaseUrlOption database;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "The embedded store's folder (SOSOPS_WEBHOOK_DATA_DIR of a stopped application) "
                        + "instead of --database-url-env.")
        Path dataDir;

        /** Opens the store; exit 2 naming the variable (never its value) when it cannot be reached. */
        Opened open() {
            Database db;
            String where;
            if (dataDir != null) {
                if (database.explicit()) {
                    throw new InputException("give either --data-dir or --database-url-env, not both");
                }
                db = Database.embedded(dataDir);
                where = "--data-dir " + dataDir;
            } else {
                database.required(); // one-line error naming the variable when it is unset or not a database URL
                String variable = database.variable();
                try {
                    db = Database.fromUrl(ProcessEnvironment.get(variable).orElseThrow(), 2);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new InputException(variable + ": the database URL is not usable");
                }
                where = variable;
            }
            try {
                return new Opened(JdbcFailureStore.open(db), db);
            } catch (FailureStoreException e) {
                db.close();
                throw new InputException(where + ": the failure store cannot be opened (" + e.getMessage() + ")");
            }
        }
    }

    /** The store and the pool opened for it; closing releases the pool. */
    record Opened(JdbcFailureStore store, Database database) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
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
}
