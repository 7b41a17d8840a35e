package org.sosops.env.promotion.launch;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sosops.env.promotion.ledger.PromotionLedger;
import org.sosops.env.promotion.release.ReleaseCandidate;
import org.sosops.env.promotion.release.ReleaseRules;

/** The release rules for the deploy target: branch mapping, and for prod the tag and staging evidence. */
public final class ReleaseItem implements ChecklistItem {
    private final String target;
    private final ReleaseRules rules;
    private final Supplier<ReleaseCandidate> candidate;
    private final Optional<PromotionLedger> ledger;

    public ReleaseItem(String target, ReleaseRules rules, Supplier<ReleaseCandidate> candidate, Optional<PromotionLedger> ledger) {
        this.target = target;
        this.rules = rules;
        this.candidate = candidate;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return "release";
    }

    @Override
    public ItemResult run() {
        ReleaseCandidate build = candidate.get();
        List<String> problems = rules.checkRelease(target, build, ledger);
        String what = "commit " + build.shortCommit() + build.branch().map(b -> " on " + b).orElse("")
                + (build.tags().isEmpty() ? "" : " tagged " + String.join(", ", build.tags()));
        if (problems.isEmpty()) {
            return new ItemResult.Passed("release to " + target + " allowed: " + what);
        }
        return new ItemResult.Failed("release to " + target + " refused: " + what, problems);
    }
}
