package org.sosops.env.promotion.order;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@link PromotionCheck}: the migrations the target would get, each with the reason
 * it is blocked (when the source has not applied it), and the target's migrations the source
 * lacks (already out of order; reported, not blocking).
 */
public record PromotionReport(String source, String target, List<Pending> pending, List<MigrationRef> targetAhead) {
    public PromotionReport {
        pending = List.copyOf(pending);
        targetAhead = List.copyOf(targetAhead);
    }

    /** One migration the target would get; {@code problem} is present when it is not proven on the source. */
    public record Pending(MigrationRef migration, Optional<String> file, Optional<String> problem) {
        public boolean blocked() {
            return problem.isPresent();
        }
    }

    public List<Pending> blocked() {
        return pending.stream().filter(Pending::blocked).toList();
    }

    /** True when every migration the target would get is applied on the source. */
    public boolean ok() {
        return blocked().isEmpty();
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Pending p : pending) {
            text.append(p.blocked() ? "blocked  " : "ready    ").append(p.migration())
                    .append(p.file().map(f -> " (" + f + ")").orElse(""))
                    .append(p.problem().map(r -> ": " + r).orElse(": applied on " + source)).append('\n');
        }
        for (MigrationRef ref : targetAhead) {
            text.append("warning  ").append(ref).append(": applied on ").append(target).append(" but not on ")
                    .append(source).append(" (out of order)\n");
        }
        long blocked = blocked().size();
        if (blocked == 0) {
            text.append("OK: ").append(pending.size()).append(" pending migration").append(pending.size() == 1 ? "" : "s")
                    .append(" for ").append(target).append(", all applied on ").append(source);
        } else {
            text.append(blocked).append(" migration").append(blocked == 1 ? "" : "s").append(" not promotable from ")
                    .append(source).append(" to ").append(target);
        }
        return text.toString();
    }
}
