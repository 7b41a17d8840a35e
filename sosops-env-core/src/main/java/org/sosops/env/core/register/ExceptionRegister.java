package org.sosops.env.core.register;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;

/**
 * The exception register ({@code RISKS_DECISIONS.md}): timeboxed, approved entries that waive a
 * rule in one environment. Expired, incomplete or over-long entries (more than {@value #MAX_DAYS}
 * days from approval to expiry) waive nothing and are reported as findings. Waived findings stay
 * in the report, marked with the entry that waives them.
 *
 * <pre>{@code
 * ExceptionRegister register = ExceptionRegister.read(Path.of("RISKS_DECISIONS.md"));
 * ValidationReport final = register.apply(report, "staging", Clock.systemUTC());
 * }</pre>
 */
public final class ExceptionRegister {
    private static final ExceptionRegister EMPTY = new ExceptionRegister(List.of());
    /** The longest an entry may run, from its approval date to its expiry. */
    public static final int MAX_DAYS = 90;
    /** Names the register file, overriding the default locations. */
    public static final String SETTING = "SOSOPS_RISKS_DECISIONS_FILE";
    /** Where the register is looked for when nothing names it, in this order. */
    public static final List<Path> DEFAULT_LOCATIONS = List.of(
            Path.of("master_build", "RISKS_DECISIONS.md"), Path.of("RISKS_DECISIONS.md"));

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

    /**
     * Which register applies: {@code named} (a command's {@code --register}), else the file of
     * {@value #SETTING} in {@code environment}, else the first of {@link #DEFAULT_LOCATIONS} that
     * exists under {@code directory}. A named file that does not exist is still returned, so that
     * reading it fails loudly.
     */
    public static Optional<Path> locate(Optional<Path> named, Map<String, String> environment, Path directory) {
        if (named.isPresent()) {
            return named;
        }
        String setting = environment.get(SETTING);
        if (setting != null && !setting.isBlank()) {
            return Optional.of(Path.of(setting.strip()));
        }
        for (Path candidate : DEFAULT_LOCATIONS) {
            Path resolved = directory.resolve(candidate);
            if (Files.isRegularFile(resolved)) {
                return Optional.of(directory.equals(Path.of("")) ? candidate : resolved);
            }
        }
        return Optional.empty();
    }

    /** {@link #locate(Optional, Map, Path)} in the working directory with the process environment. */
    public static Optional<Path> locate(Optional<Path> named) {
        return locate(named, System.getenv(), Path.of(""));
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
        return apply(report, environment, EnumSet.allOf(RuleId.class), clock);
    }

    /**
     * As {@link #apply(ValidationReport, Optional, Clock)}, reporting only the broken entries about
     * {@code rules} (or naming no known rule): a command reports the entries it could have applied,
     * so an expired {@code migration-risky} entry fails {@code migrations check}, not {@code secrets}.
     */
    public ValidationReport apply(ValidationReport report, Optional<String> environment, Set<RuleId> rules, Clock clock) {
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
            if (!concerns || entry.rule().map(r -> !rules.contains(r)).orElse(false)) {
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

    /**
     * The valid entry that waives a finding of {@code rule} in {@code environment} about any of
     * {@code subjects} (a variable, a file, a statement: an entry's {@code Variable:} must name one
     * of them, compared ignoring case and runs of white space; an entry without one covers them all).
     * A finding of no environment (a migration, a source file) is waived only by an entry for
     * {@code all}.
     */
    public Optional<RegisterEntry> waiverFor(RuleId rule, Optional<String> environment, Collection<String> subjects,
                                             Clock clock) {
        LocalDate today = LocalDate.now(clock);
        return entries.stream()
                .filter(RegisterEntry::isComplete)
                .filter(e -> !e.isExpiredOn(today))
                .filter(e -> e.rule().orElseThrow() == rule)
                .filter(e -> environment.map(e::appliesToEnvironment)
                        .orElseGet(() -> e.environment().map("all"::equals).orElse(false)))
                .filter(e -> e.variable().isEmpty() || subjects.stream().anyMatch(s -> sameSubject(e.variable().get(), s)))
                .findFirst();
    }

    /**
     * The entries about {@code rules} that waive nothing (incomplete, over-long or expired), as
     * findings, in any environment or only those concerning {@code environment}.
     */
    public List<Finding> problems(Optional<String> environment, Set<RuleId> rules, Clock clock) {
        return apply(ValidationReport.of(List.of()), environment, rules, clock).findings();
    }

    // A file may be named from the repository root or from the scanned directory: one path ends the other.
    private static boolean sameSubject(String named, String subject) {
        String a = normalize(named).replace('\\', '/');
        String b = normalize(subject).replace('\\', '/');
        return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ").replaceAll(";$", "").toLowerCase(Locale.ROOT);
    }

    private static Optional<RegisterEntry> waiverFor(Finding finding, List<RegisterEntry> valid) {
        if (finding.isWaived()) {
            return Optional.empty();
        }
        return valid.stream()
                .filter(e -> e.rule().orElseThrow() == finding.rule())
                .filter(e -> finding.environment().map(e::appliesToEnvironment)
                        .orElseGet(() -> e.environment().map("all"::equals).orElse(false)))
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
