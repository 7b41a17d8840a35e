package org.sosops.env.core.register;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Location;

/**
 * One entry of the exception register ({@code RISKS_DECISIONS.md}).
 *
 * @param title       the entry's heading, used to name it in reports
 * @param environment a canonical environment name, or {@code all}
 * @param variable    when present, the waiver covers only findings on this variable
 * @param problems    why the entry is incomplete or malformed; empty for a well-formed entry
 */
public record RegisterEntry(
        String title,
        Location location,
        Optional<RuleId> rule,
        Optional<String> environment,
        Optional<String> variable,
        Optional<String> rationale,
        Optional<LocalDate> expires,
        Optional<String> rollbackPlan,
        Optional<String> approvedBy,
        Optional<LocalDate> approvedOn,
        List<String> problems) {

    public RegisterEntry {
        problems = List.copyOf(problems);
    }

    public boolean isComplete() {
        return problems.isEmpty();
    }

    public boolean isExpiredOn(LocalDate today) {
        return expires.map(today::isAfter).orElse(false);
    }

    public boolean appliesToEnvironment(String env) {
        return environment.map(e -> e.equals("all") || e.equals(env)).orElse(false);
    }

    /** How findings refer to it: {@code RISKS_DECISIONS.md:12 (RD-001 …)}. */
    public String reference() {
        return location + " (" + title + ")";
    }
}
