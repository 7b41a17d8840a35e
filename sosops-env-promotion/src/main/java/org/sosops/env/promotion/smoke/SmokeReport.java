package org.sosops.env.promotion.smoke;

import java.util.List;

/** Every smoke check's result, in the order run. */
public record SmokeReport(String baseUrl, List<SmokeResult> results) {
    public SmokeReport {
        results = List.copyOf(results);
    }

    /** The checks that failed, in the order run. */
    public List<SmokeResult> failing() {
        return results.stream().filter(SmokeResult::failed).toList();
    }

    public boolean ok() {
        return results.stream().noneMatch(SmokeResult::failed);
    }

    /** True when the application never answered at all: nothing to judge, the target is unreachable. */
    public boolean unreachable() {
        List<SmokeResult> run = results.stream().filter(r -> r.outcome() != SmokeResult.Outcome.SKIPPED).toList();
        return !run.isEmpty() && run.stream().allMatch(SmokeResult::noResponse);
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        for (SmokeResult r : results) {
            text.append(String.format("%-7s %-24s %s", r.outcome().id(), r.name(), r.path()));
            r.status().ifPresent(s -> text.append(" → ").append(s));
            if (r.attempts() > 1) {
                text.append(" (").append(r.attempts()).append(" attempts)");
            }
            if (!r.message().isEmpty()) {
                text.append(": ").append(r.message());
            }
            text.append('\n');
        }
        long failed = results.stream().filter(SmokeResult::failed).count();
        text.append(failed == 0 ? "OK: smoke checks passed on " + baseUrl
                : failed + " smoke check" + (failed == 1 ? "" : "s") + " failed on " + baseUrl);
        return text.toString();
    }
}
