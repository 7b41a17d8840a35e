package org.sosops.env.promotion.launch;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.promotion.PromotionInputException;

/**
 * A checklist item backed by any check that yields a core {@link ValidationReport}: blocking
 * findings fail it, each listed. Input errors of the check become an errored item.
 *
 * <pre>{@code
 * ChecklistItem secrets = new ReportItem("secrets", "secret hygiene", () -> ValidationReport.of(findings));
 * }</pre>
 */
public final class ReportItem implements ChecklistItem {
    private final String id;
    private final String title;
    private final Supplier<ValidationReport> check;

    /** @param title what the check is, e.g. {@code secret hygiene}, used in the summary */
    public ReportItem(String id, String title, Supplier<ValidationReport> check) {
        this.id = Objects.requireNonNull(id);
        this.title = Objects.requireNonNull(title);
        this.check = Objects.requireNonNull(check);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ItemResult run() {
        ValidationReport report;
        try {
            report = check.get();
        } catch (PromotionInputException e) {
            return new ItemResult.Errored(e.getMessage());
        }
        List<String> problems = report.blocking().stream().map(Finding::toString).toList();
        long waived = report.findings().stream().filter(Finding::isWaived).count();
        String waivedNote = waived == 0 ? "" : " (" + waived + " waived)";
        if (problems.isEmpty()) {
            return new ItemResult.Passed(title + " passed" + waivedNote);
        }
        return new ItemResult.Failed(title + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + waivedNote,
                problems);
    }
}
