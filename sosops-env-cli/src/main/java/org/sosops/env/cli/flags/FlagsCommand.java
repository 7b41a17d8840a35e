package org.sosops.env.cli.flags;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.DatabaseUrlOption;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.FlagConfigurationException;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.ResolvedFlag;
import org.sosops.env.flags.ResolvedFlags;
import org.sosops.env.flags.store.ConnectionFactory;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.store.JdbcFlagStore;
import org.sosops.env.flags.value.FlagValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env flags}: feature flags as docs/flags.md describes. */
@Command(name = "flags", mixinStandardHelpOptions = true,
        description = "Feature flags: organization override > environment override > database > default.",
        subcommands = FlagsCommand.Resolve.class)
public final class FlagsCommand {

    /** {@code sosops-env flags resolve}. */
    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Resolve every flag for one organization, each with its source (org, env, db, default).",
                    "Flags are those met in the override variables (any organization) and in the database table;",
                    "a flag set nowhere for this organization shows its off value (false, \"\", 0 or {}) as default."})
    static final class Resolve implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private FormatOption format;

        @Mixin
        private OverrideInputs inputs;

        /** The database layer: read when the named variable (default DATABASE_URL) is set. */
        @Mixin
        private DatabaseUrlOption database;

        @Option(names = "--table", paramLabel = "NAME", defaultValue = "sosops_feature_flags",
                description = "The flag table (default: ${DEFAULT-VALUE}).")
        private String table;

        @Override
        public Integer call() {
            Variables variables = inputs.variables();
            AppEnv environment = inputs.environment(variables);
            FlagResolver.Builder builder = FlagResolver.builder()
                    .environment(environment)
                    .overrides(inputs.overrides(variables))
                    .inferUndeclaredFlags();
            Optional<DatabaseUrl> url = database.optional();
            if (url.isPresent()) {
                builder.store(FlagStore.fixed(readDatabase(url.get())))
                        .listenForChanges(false).backgroundRefresh(false).executor(Runnable::run);
            }
            ResolvedFlags resolved;
            try (FlagResolver resolver = builder.build()) {
                resolved = resolver.resolveAll(inputs.organization);
            } catch (FlagConfigurationException e) {
                throw new InputException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format.json()) {
                out.println(resolved.toJsonTree().toPrettyString());
            } else {
                printText(resolved, out);
            }
            out.flush();
            return ExitCode.CLEAN;
        }

        private Map<String, FlagValue> readDatabase(DatabaseUrl url) {
            JdbcFlagStore store;
            try {
                store = JdbcFlagStore.builder().table(table).connections(ConnectionFactory.of(url, 1)).build();
            } catch (IllegalArgumentException e) {
                throw new InputException("--table: " + e.getMessage());
            } catch (IllegalStateException e) {
                throw new InputException("--database-url: " + e.getMessage());
            }
            try (store) {
                return store.loadAll();
            } catch (FlagStoreException e) {
                throw new InputException(scrub(e.getMessage(), url));
            }
        }

        private static String scrub(String message, DatabaseUrl url) {
            // The driver does not echo passwords; make sure of it anyway.
            return url.password().map(p -> message.replace(p.reveal(), "***")).orElse(message);
        }

        private static void printText(ResolvedFlags resolved, PrintWriter out) {
            out.println("flags for organization " + resolved.organizationId().orElse("(none)")
                    + " in " + resolved.environment());
            if (resolved.flags().isEmpty()) {
                out.println("  (no flags: none in the override variables or the database)");
            }
            int width = resolved.flags().keySet().stream().mapToInt(String::length).max().orElse(0);
            for (ResolvedFlag flag : resolved.flags().values()) {
                out.printf("  %-" + width + "s  %s  (%s)%n", flag.key(), flag.value().toJson(), flag.source());
            }
        }
    }

}
