package org.sosops.env.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sosops.env.cli.check.CheckCommand;
import org.sosops.env.cli.flags.EntitlementsCommand;
import org.sosops.env.cli.flags.FlagsCommand;
import org.sosops.env.cli.perf.PerfBudgetCommand;
import org.sosops.env.cli.promotion.BackupsCommand;
import org.sosops.env.cli.promotion.LaunchGateCommand;
import org.sosops.env.cli.promotion.MigrationsCommand;
import org.sosops.env.cli.promotion.RestoreCommand;
import org.sosops.env.cli.promotion.SmokeCommand;
import org.sosops.env.cli.secrets.SecretsCommand;
import org.sosops.env.cli.support.StandardHelpOptions;
import org.sosops.env.cli.webhooks.WebhooksCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The root command; each capability is a subcommand.
 *
 * <p>Subcommands are registered by name rather than in a {@code @Command} annotation because
 * picocli builds the model of every registered command by reflection up front, and for a
 * one-command run that was most of the start-up time. {@link #commandLine(String...)} registers
 * only the subcommand the arguments name, or all of them when they name none (help, errors).
 * For the same reason the root's own model is built in code, as is {@code check}'s: reading
 * annotations makes picocli generate a proxy class per annotation type at run time.
 *
 * <pre>{@code
 * int exit = SosOpsEnvCommand.commandLine(args).execute(args);
 * }</pre>
 */
public final class SosOpsEnvCommand {
    /**
     * Every subcommand's class by its name, in the order help lists them. Classes rather than
     * factories: linking a lambda costs start-up time even from the class-data archive, and only
     * one of these is used per run.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private SosOpsEnvCommand() {
    }

    /** The command line with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine line = root();
        SUBCOMMANDS.forEach((name, type) -> line.addSubcommand(name, command(type)));
        return line;
    }

    /**
     * The command line for {@code args}: when the first argument that is not an option names a
     * subcommand, only that one is registered; otherwise all are, so that help and "unknown
     * command" errors see the full list. The root's own options ({@code --help}, {@code --version})
     * take no value, so the first non-option argument is the subcommand's name.
     */
    public static CommandLine commandLine(String... args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            Class<?> named = SUBCOMMANDS.get(arg);
            if (named == null) {
                break;
            }
            CommandLine line = root();
            line.addSubcommand(arg, command(named));
            return line;
        }
        return commandLine();
    }

    /** {@code sosops-env [-hV] [COMMAND]}, without subcommands yet. */
    private static CommandLine root() {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(new SosOpsEnvCommand())
                .name("sosops-env")
                .versionProvider(new VersionProvider());
        spec.usageMessage().description("Environment policy checks for campaign-operations applications.");
        return new CommandLine(StandardHelpOptions.addTo(spec));
    }

    /**
     * What picocli is given for a subcommand: {@code check}'s model built in code, or the annotated
     * class for picocli to read.
     */
    static Object command(Class<?> type) {
        return type == CheckCommand.class ? CheckCommand.spec() : type;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("check", CheckCommand.class);
        all.put("secrets", SecretsCommand.class);
        all.put("flags", FlagsCommand.class);
        all.put("entitlements", EntitlementsCommand.class);
        all.put("webhooks", WebhooksCommand.class);
        all.put("migrations", MigrationsCommand.class);
        all.put("smoke", SmokeCommand.class);
        all.put("launch-gate", LaunchGateCommand.class);
        all.put("restore", RestoreCommand.class);
        all.put("backups", BackupsCommand.class);
        all.put("perf-budget", PerfBudgetCommand.class);
        return all;
    }
}
