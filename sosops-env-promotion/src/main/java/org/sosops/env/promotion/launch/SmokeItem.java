package org.sosops.env.promotion.launch;

import java.util.List;
import java.util.function.Consumer;
import org.sosops.env.promotion.smoke.SmokeConfig;
import org.sosops.env.promotion.smoke.SmokeReport;
import org.sosops.env.promotion.smoke.SmokeResult;
import org.sosops.env.promotion.smoke.SmokeRunner;

/** The post-deploy smoke checks as a checklist item. */
public final class SmokeItem implements ChecklistItem {
    private final SmokeRunner runner;
    private final SmokeConfig config;
    private final Consumer<SmokeReport> onReport;

    /** @param onReport receives the full report (e.g. to record it in the ledger) */
    public SmokeItem(SmokeRunner runner, SmokeConfig config, Consumer<SmokeReport> onReport) {
        this.runner = runner;
        this.config = config;
        this.onReport = onReport;
    }

    @Override
    public String id() {
        return "smoke";
    }

    @Override
    public ItemResult run() {
        SmokeReport report = runner.run(config);
        onReport.accept(report);
        if (report.unreachable()) {
            // An application that cannot be reached is the failure smoke exists to catch, not an input error.
            return new ItemResult.Failed("cannot reach " + config.baseUrl(), List.of(report.results().stream()
                    .filter(SmokeResult::failed).findFirst().map(SmokeResult::message).orElse("no answer")));
        }
        long run = report.results().stream().filter(r -> r.outcome() != SmokeResult.Outcome.SKIPPED).count();
        if (report.ok()) {
            return new ItemResult.Passed("smoke checks passed (" + run + " run on " + config.baseUrl() + ")");
        }
        return new ItemResult.Failed("smoke checks failed on " + config.baseUrl(), report.results().stream()
                .filter(SmokeResult::failed).map(r -> r.name() + " " + r.path() + ": " + r.message()).toList());
    }
}
