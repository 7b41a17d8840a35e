package org.sosops.env.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Every finding of one validation, in the order found. Immutable. */
public record ValidationReport(List<Finding> findings) {
    public ValidationReport {
        findings = List.copyOf(findings);
    }

    public static ValidationReport of(List<Finding> findings) {
        return new ValidationReport(findings);
    }

    /** True when nothing blocks: no unwaived error. */
    public boolean ok() {
        return findings.stream().noneMatch(Finding::isBlocking);
    }

    public List<Finding> blocking() {
        return findings.stream().filter(Finding::isBlocking).toList();
    }

    public boolean has(RuleId rule) {
        return findings.stream().anyMatch(f -> f.rule() == rule);
    }

    public ValidationReport plus(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new ValidationReport(all);
    }

    public ValidationReport map(UnaryOperator<Finding> change) {
        return new ValidationReport(findings.stream().map(change).toList());
    }

    /** A readable multi-line report, one finding per line, ending with a verdict. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Finding finding : findings) {
            text.append(finding).append('\n');
        }
        long blocking = findings.stream().filter(Finding::isBlocking).count();
        long waived = findings.stream().filter(Finding::isWaived).count();
        if (blocking == 0) {
            text.append("OK");
        } else {
            text.append(blocking).append(blocking == 1 ? " problem" : " problems");
        }
        if (waived > 0) {
            text.append(" (").append(waived).append(" waived)");
        }
        return text.toString();
    }
}
