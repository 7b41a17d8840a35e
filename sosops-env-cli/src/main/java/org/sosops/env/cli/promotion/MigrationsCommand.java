package org.sosops.env.cli.promotion;

import picocli.CommandLine.Command;

/** {@code sosops-env migrations check|baseline|promotable} (docs/cli.md, docs/promotion.md). */
@Command(name = "migrations", mixinStandardHelpOptions = true,
        description = "The migration safety gate and the promotion order of migrations.",
        subcommands = {
                MigrationsCheckCommand.class,
                MigrationsBaselineCommand.class,
                MigrationsPromotableCommand.class,
        })
public final class MigrationsCommand {
}
