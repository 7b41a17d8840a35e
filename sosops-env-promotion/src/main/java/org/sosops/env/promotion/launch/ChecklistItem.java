package org.sosops.env.promotion.launch;

/**
 * One item of the pre-deploy checklist. Items are independent: the gate runs every one and
 * reports all their results, so one failure never hides another. Implementations turn their own
 * input errors into {@link ItemResult.Errored} rather than throwing.
 *
 * <pre>{@code
 * ChecklistItem backups = ChecklistItem.of("backups", () -> recentBackup()
 *         ? new ItemResult.Passed("last backup 3h ago")
 *         : new ItemResult.Failed("no backup", List.of("no backup in the last 24h")));
 * }</pre>
 */
public interface ChecklistItem {
    /** A short stable id, used by {@code --skip} and in JSON, e.g. {@code migrations}. */
    String id();

    ItemResult run();

    static ChecklistItem of(String id, java.util.function.Supplier<ItemResult> run) {
        return new ChecklistItem() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public ItemResult run() {
                return run.get();
            }
        };
    }
}
