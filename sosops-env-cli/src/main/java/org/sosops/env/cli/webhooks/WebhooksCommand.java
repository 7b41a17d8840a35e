package org.sosops.env.cli.webhooks;

import picocli.CommandLine.Command;

/** {@code sosops-env webhooks}: offline verification and the stored failures (docs/cli.md). */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Verify captured webhook requests offline; list and replay stored webhook failures.",
        subcommands = {VerifyCommand.class, FailuresCommand.class})
public final class WebhooksCommand {
}
