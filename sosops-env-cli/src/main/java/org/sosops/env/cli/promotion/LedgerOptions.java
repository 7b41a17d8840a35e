package org.sosops.env.cli.promotion;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.ledger.PromotionLedger;
import picocli.CommandLine.Option;

/** Where the promotion ledger lives: {@code --ledger-database-url} or {@code SOSOPS_PROMOTION_LEDGER_URL}. */
final class LedgerOptions {
    static final String SETTING = "SOSOPS_PROMOTION_LEDGER_URL";

    @Option(names = "--ledger-database-url", paramLabel = "URL",
            description = "The promotion ledger's PostgreSQL database (default: $" + SETTING + ").")
    String url;

    Optional<PromotionLedger> ledger(Map<String, String> environment) {
        String value = url != null ? url : environment.get(SETTING);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String what = url != null ? "--ledger-database-url" : SETTING;
        return Optional.of(PromotionLedger.at(PromotionInputs.guard(() -> PostgresTarget.parse(what, value)), Clock.systemUTC()));
    }
}
