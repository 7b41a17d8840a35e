package org.sosops.env.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sosops.env.cli.check.CheckCommand;
import org.sosops.env.cli.flags.EntitlementsCommand;
import org.sosops.env.cli.flags.FlagsCommand;
import org.sosops.env.cli.promotion.BackupsCommand;
import org.sosops.env.cli.promotion.LaunchGateCommand;
import org.sosops.env.cli.promotion.MigrationsCommand;
import org.sosops.env.cli.promotion.RestoreCommand;
import org.sosops.env.cli.promotion.SmokeCommand;
import org.sosops.env.cli.secrets.SecretsCommand;
import org.sosops.env.cli.webhooks.WebhooksCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command; each capability is a subcommand.
 *
 * <p>Subcommands are registered by name rather than in the {@code @Command} annotation because
 * picocli builds the model of every registered command by reflection up front, and for a
 * one-command run that was most of the start-up time. {@link #commandLine(String...)} registers
 * only the subcommand the arguments name, or all of them when they name none (help, errors).
 *
 * <pre>{@code
 * int exit = SosOpsEnvCommand.commandLine(args).execute(args);
 * }</pre>
 */
@Command(name = "sosops-env",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Environment policy checks for campaign-operations applications.")
public final class SosOpsEnvCommand {
    /** Every subcommand by the name its {@code @Command} declares, in the order help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    /** The command line with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new SosOpsEnvCommand());
        SUBCOMMANDS.forEach(line::addSubcommand);
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
            CommandLine line = new CommandLine(new SosOpsEnvCommand());
            line.addSubcommand(arg, named);
            return line;
        }
        return commandLine();
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
        return all;
    }
}
