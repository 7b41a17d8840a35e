package org.sosops.env.cli.support;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One finding as code-scanning formats see it, whatever command found it.
 *
 * @param rule        the rule that found it
 * @param level       how much it matters
 * @param message     what is wrong; never a secret value
 * @param file        the file as the finding names it (made relative when written)
 * @param line        1-based line in {@code file}
 * @param suppression why it does not fail the run (baseline, allow comment, exception register)
 */
public record Annotation(Rule rule, Level level, String message, Optional<String> file, OptionalInt line,
                         Optional<Suppression> suppression) {
    public Annotation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(suppression, "suppression");
    }

    /** SARIF's result levels. */
    public enum Level {
        error,
        warning,
        note
    }

    /**
     * A rule as SARIF's {@code reportingDescriptor} describes it.
     *
     * @param id               e.g. {@code secret-weak}
     * @param shortDescription one line
     * @param fullDescription  why the rule exists
     * @param help             how to fix a finding
     */
    public record Rule(String id, String shortDescription, String fullDescription, String help) {
        public Rule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(shortDescription, "shortDescription");
            Objects.requireNonNull(fullDescription, "fullDescription");
            Objects.requireNonNull(help, "help");
        }
    }

    /**
     * Why a finding does not fail the run.
     *
     * @param inSource      true for an allow comment next to the finding, false for a baseline or register entry
     * @param justification the reason or the entry that waives it
     */
    public record Suppression(boolean inSource, String justification) {
        public Suppression {
            Objects.requireNonNull(justification, "justification");
        }
    }
}
