package org.sosops.env.promotion.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.promotion.PromotionInputException;

/**
 * The pre-deploy checklist in one verdict: runs every item (even after a failure) and lists every
 * failing one.
 *
 * <pre>{@code
 * LaunchVerdict verdict = LaunchGate.builder()
 *         .item(new EnvironmentCheckItem(List.of(Path.of(".env.staging")), Optional.empty(), Optional.empty()))
 *         .item(new MigrationGateItem(Optional.of(Path.of("prisma/migrations")), Optional.empty()))
 *         .build().run();
 * }</pre>
 */
public final class LaunchGate {
    private static final Logger LOG = LoggerFactory.getLogger(LaunchGate.class);

    private final List<ChecklistItem> items;
    private final Set<String> skipped;

    private LaunchGate(List<ChecklistItem> items, Set<String> skipped) {
        this.items = List.copyOf(items);
        this.skipped = Set.copyOf(skipped);
    }

    public static Builder builder() {
        return new Builder();
    }

    public LaunchVerdict run() {
        List<LaunchVerdict.Entry> entries = new ArrayList<>();
        for (ChecklistItem item : items) {
            ItemResult result;
            if (skipped.contains(item.id())) {
                result = new ItemResult.Skipped("skipped on request (--skip " + item.id() + ")");
            } else {
                try {
                    result = item.run();
                } catch (PromotionInputException e) {
                    result = new ItemResult.Errored(e.getMessage());
                } catch (RuntimeException e) {
                    // One broken item must not hide the others' verdicts.
                    LOG.warn("launch gate item {} failed unexpectedly", item.id(), e);
                    result = new ItemResult.Errored("internal error (" + e.getClass().getSimpleName() + ")");
                }
            }
            entries.add(new LaunchVerdict.Entry(item.id(), result));
        }
        return new LaunchVerdict(entries);
    }

    public static final class Builder {
        private final List<ChecklistItem> items = new ArrayList<>();
        private final java.util.HashSet<String> skipped = new java.util.HashSet<>();

        public Builder item(ChecklistItem item) {
            items.add(item);
            return this;
        }

        /** Skips the items with these ids (they are listed as skipped, never silently dropped). */
        public Builder skip(Set<String> ids) {
            skipped.addAll(ids);
            return this;
        }

        public LaunchGate build() {
            Set<String> known = new java.util.HashSet<>();
            items.forEach(i -> known.add(i.id()));
            for (String id : skipped) {
                if (!known.contains(id)) {
                    throw new PromotionInputException("--skip " + id + ": no such checklist item (items: "
                            + String.join(", ", items.stream().map(ChecklistItem::id).toList()) + ")");
                }
            }
            return new LaunchGate(items, skipped);
        }
    }
}
