package org.sosops.env.promotion.launch;

import java.util.List;
import java.util.Objects;

/** The launch gate's single verdict: every item's result, in checklist order. */
public record LaunchVerdict(List<Entry> entries) {
    public LaunchVerdict {
        entries = List.copyOf(entries);
    }

    /** One item and its result. */
    public record Entry(String item, ItemResult result) {
        public Entry {
            Objects.requireNonNull(item);
            Objects.requireNonNull(result);
        }
    }

    /** True when no item failed or errored. */
    public boolean go() {
        return entries.stream().allMatch(e -> e.result() instanceof ItemResult.Passed || e.result() instanceof ItemResult.Skipped);
    }

    public boolean anyErrored() {
        return entries.stream().anyMatch(e -> e.result() instanceof ItemResult.Errored);
    }

    public List<Entry> failing() {
        return entries.stream().filter(e -> e.result() instanceof ItemResult.Failed || e.result() instanceof ItemResult.Errored).toList();
    }

    /** {@code pass}, {@code fail}, {@code error} or {@code skip}. */
    public static String status(ItemResult result) {
        if (result instanceof ItemResult.Passed) {
            return "pass";
        }
        if (result instanceof ItemResult.Failed) {
            return "fail";
        }
        return result instanceof ItemResult.Errored ? "error" : "skip";
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Entry e : entries) {
            String status = status(e.result()).toUpperCase(java.util.Locale.ROOT);
            text.append(String.format("%-6s", status)).append(String.format("%-16s", e.item())).append(e.result().summary()).append('\n');
            if (e.result() instanceof ItemResult.Failed failed) {
                failed.problems().forEach(p -> text.append("        - ").append(p).append('\n'));
            }
        }
        List<Entry> failing = failing();
        text.append(failing.isEmpty() ? "GO: every checklist item passed"
                : "NO-GO: " + failing.size() + " failing item" + (failing.size() == 1 ? "" : "s") + " ("
                + String.join(", ", failing.stream().map(Entry::item).toList()) + ")");
        return text.toString();
    }
}
