package org.sosops.env.core.register;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;

/**
 * The exception register of CONTRACT §8: timeboxed, approved entries that waive a rule in one
 * environment. Expired or incomplete entries waive nothing and are reported as findings.
 *
 * <pre>{@code
 * ExceptionRegister register = ExceptionRegister.read(Path.of("RISKS_DECISIONS.md"));
 * ValidationReport final = register.apply(report, "staging", Clock.systemUTC());
 * }</pre>
 */
public final class ExceptionRegister {
    private static final ExceptionRegister EMPTY = new ExceptionRegister(List.of());

    private final List<RegisterEntry> entries;

    private ExceptionRegister(List<RegisterEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ExceptionRegister empty() {
        return EMPTY;
    }

    /**
     * Reads a register file.
     *
     * @throws RegisterException when the file is missing, unreadable or not UTF-8
     */
    public static ExceptionRegister read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new RegisterException(file + ": exception register not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new RegisterException(file + ": exception register is not valid UTF-8 text");
        } catch (IOException e) {
            throw new RegisterException(file + ": exception register cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static ExceptionRegister parse(String label, String markdown) {
        return new ExceptionRegister(RegisterParser.parse(label, markdown));
    }

    public List<RegisterEntry> entries() {
        return entries;
    }

    /**
     * Marks findings that a valid entry waives, and adds a finding for every expired or incomplete
     * entry that concerns {@code environment} (all entries when it is empty).
     */
    public ValidationReport apply(ValidationReport report, Optional<String> environment, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        List<RegisterEntry> valid = entries.stream()
                .filter(RegisterEntry::isComplete)
                .filter(e -> !e.isExpiredOn(today))
                .toList();
        ValidationReport waived = report.map(finding -> waiverFor(finding, valid)
                .map(entry -> finding.waivedBy(entry.reference()))
                .orElse(finding));
        List<Finding> problems = new ArrayList<>();
        for (RegisterEntry entry : entries) {
            boolean concerns = environment.isEmpty() || entry.environment().isEmpty()
                    || entry.appliesToEnvironment(environment.get());
            if (!concerns) {
                continue;
            }
            if (!entry.isComplete()) {
                problems.add(problem(entry, "exception '" + entry.title() + "' waives nothing: "
                        + String.join("; ", entry.problems())));
            } else if (entry.isExpiredOn(today)) {
                problems.add(problem(entry, "exception '" + entry.title() + "' expired on " + entry.expires().get()
                        + " and waives nothing; renew it with a new approval or remove it"));
            }
        }
        return waived.plus(problems);
    }

    public ValidationReport apply(ValidationReport report, String environment, Clock clock) {
        return apply(report, Optional.of(environment), clock);
    }

    private static Optional<RegisterEntry> waiverFor(Finding finding, List<RegisterEntry> valid) {
        if (finding.isWaived()) {
            return Optional.empty();
        }
        return valid.stream()
                .filter(e -> e.rule().orElseThrow() == finding.rule())
                .filter(e -> finding.environment().map(e::appliesToEnvironment).orElse(false))
                .filter(e -> e.variable().isEmpty() || e.variable().equals(finding.variable()))
                .findFirst();
    }

    private static Finding problem(RegisterEntry entry, String message) {
        return Finding.error(entry.rule().orElse(RuleId.VALUE_INVALID), message)
                .environment(entry.environment().orElse(null))
                .variable(entry.variable().orElse(null))
                .at(entry.location())
                .build();
    }
}
