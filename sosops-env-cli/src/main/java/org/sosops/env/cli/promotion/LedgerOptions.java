package org.sosops.env.cli.promotion;

import java.time.Clock;
import java.util.Optional;
import org.sosops.env.cli.support.DatabaseUrlOption;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.ledger.PromotionLedger;
import picocli.CommandLine.Option;

/**
 * Where the promotion ledger lives: the PostgreSQL URL in {@code SOSOPS_PROMOTION_LEDGER_URL}, or
 * in the variable named by {@code --ledger-database-url-env VAR}. Never the URL itself on the
 * command line.
 */
final class LedgerOptions {
    static final String SETTING = "SOSOPS_PROMOTION_LEDGER_URL";

    @Option(names = "--ledger-database-url-env", paramLabel = "VAR",
            description = "The environment variable holding the promotion ledger's PostgreSQL URL (default: " + SETTING + ").")
    String variable;

    Optional<PromotionLedger> ledger() {
        // Named explicitly, the variable must be set; by default an unset variable means "no ledger".
        return DatabaseUrlOption.resolve("--ledger-database-url-env", variable != null ? variable : SETTING, variable != null)
                .map(url -> PromotionLedger.at(PostgresTarget.of(url), Clock.systemUTC()));
    }
}
