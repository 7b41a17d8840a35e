package org.sosops.env.cli;

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
import picocli.CommandLine.Command;

/** The root command; each capability is a subcommand. */
@Command(name = "sosops-env",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Environment policy checks for campaign-operations applications.",
        subcommands = {
                CheckCommand.class,
                SecretsCommand.class,
                FlagsCommand.class,
                EntitlementsCommand.class,
                WebhooksCommand.class,
                MigrationsCommand.class,
                SmokeCommand.class,
                LaunchGateCommand.class,
                RestoreCommand.class,
                BackupsCommand.class,
        })
public final class SosOpsEnvCommand {
}
