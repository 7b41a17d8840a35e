package org.sosops.env.cli.promotion;

import picocli.CommandLine.Command;

/** {@code sosops-env backups check}: whether the environment's backups keep to its schedule. */
@Command(name = "backups", mixinStandardHelpOptions = true,
        description = "Backups: whether the newest backup is younger than the environment's schedule.",
        subcommands = {BackupsCheckCommand.class})
public final class BackupsCommand {
}
