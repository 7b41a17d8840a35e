package org.sosops.env.cli;

import org.sosops.env.cli.check.CheckCommand;
import org.sosops.env.cli.secrets.SecretsCommand;
import picocli.CommandLine.Command;

/** The root command; each capability is a subcommand. */
@Command(name = "sosops-env",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Environment policy checks for campaign-operations applications.",
        subcommands = {
                CheckCommand.class,
                SecretsCommand.class,
        })
public final class SosOpsEnvCommand {
}
