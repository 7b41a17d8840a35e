package org.sosops.env.promotion.launch;

import java.nio.file.Path;
import java.util.Optional;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.order.PromotionCheck;
import org.sosops.env.promotion.order.PromotionReport;

/**
 * "Migrations promotable" as a launch-gate item ({@code promotable}): the source environment has
 * applied every migration the target will get ({@code sosops-env migrations promotable}).
 *
 * <pre>{@code
 * gate.item(new PromotableItem(staging, prod, Optional.of(Path.of("prisma/migrations"))));
 * }</pre>
 */
public final class PromotableItem implements ChecklistItem {
    private final PostgresTarget source;
    private final PostgresTarget target;
    private final Optional<Path> migrations;

    public PromotableItem(PostgresTarget source, PostgresTarget target, Optional<Path> migrations) {
        this.source = source;
        this.target = target;
        this.migrations = migrations;
    }

    @Override
    public String id() {
        return "promotable";
    }

    @Override
    public ItemResult run() {
        PromotionReport report = PromotionCheck.between(source, target, migrations);
        if (report.ok()) {
            return new ItemResult.Passed("every migration " + report.target() + " will get is applied on " + report.source());
        }
        return new ItemResult.Failed(report.pending().stream().filter(PromotionReport.Pending::blocked).count()
                + " migrations not promotable from " + report.source() + " to " + report.target(),
                report.pending().stream().filter(PromotionReport.Pending::blocked)
                        .map(p -> p.migration().tool().id() + " " + p.migration().id() + p.problem().map(r -> ": " + r).orElse(""))
                        .toList());
    }
}
