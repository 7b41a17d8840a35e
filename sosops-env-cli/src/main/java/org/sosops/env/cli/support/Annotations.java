package org.sosops.env.cli.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.sosops.env.cli.support.Annotation.Level;
import org.sosops.env.cli.support.Annotation.Rule;
import org.sosops.env.cli.support.Annotation.Suppression;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.Severity;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.promotion.gate.GateReport;
import org.sosops.env.promotion.gate.MigrationFinding;
import org.sosops.env.promotion.launch.ItemResult;
import org.sosops.env.promotion.launch.LaunchVerdict;

/**
 * The findings of one run in a code-scanning format: turns each command's report into
 * {@link Annotation}s and prints them as SARIF or GitHub annotations, so a command only picks the
 * format.
 *
 * <pre>{@code
 * if (format.annotations()) {
 *     Annotations.of(report).print(format.get(), out);
 * }
 * }</pre>
 */
public final class Annotations {
    /** How {@code ScanFindings} marks the waiver of a secret allowed by an inline comment with a reason. */
    private static final String INLINE_ALLOW = "inline allow: ";

    private final List<Rule> rules;
    private final List<Annotation> results;

    private Annotations(List<Rule> rules, List<Annotation> results) {
        this.rules = List.copyOf(rules);
        this.results = List.copyOf(results);
    }

    /** Every rule of the rule-id catalog, with its texts. */
    public static List<Rule> catalog() {
        return Arrays.stream(RuleId.values()).map(Annotations::rule).toList();
    }

    public static Rule rule(RuleId id) {
        return new Rule(id.id(), id.description(), id.fullDescription(), id.help());
    }

    /** The findings of {@code check} or {@code secrets}. */
    public static Annotations of(ValidationReport report) {
        List<Annotation> results = new ArrayList<>();
        for (Finding finding : report.findings()) {
            String message = finding.environment().map(e -> "(" + e + ") ").orElse("") + finding.message();
            results.add(new Annotation(rule(finding.rule()),
                    finding.severity() == Severity.ERROR ? Level.error : Level.warning, message,
                    finding.location().map(l -> l.file()), finding.location().map(l -> l.line()).orElse(OptionalInt.empty()),
                    finding.waiver().map(Annotations::suppression)));
        }
        return new Annotations(catalog(), results);
    }

    /** The findings of {@code migrations check DIR}; {@code directory} prefixes each migration's path. */
    public static Annotations of(GateReport report, String directory) {
        String root = directory.isEmpty() || directory.equals(".") ? "" : directory.endsWith("/") ? directory : directory + "/";
        List<Annotation> results = new ArrayList<>();
        for (MigrationFinding finding : report.findings()) {
            results.add(new Annotation(rule(RuleId.MIGRATION_RISKY), Level.error,
                    finding.pattern().label() + ": " + finding.statement(), Optional.of(root + finding.file()),
                    finding.line() > 0 ? OptionalInt.of(finding.line()) : OptionalInt.empty(),
                    finding.baselined() ? Optional.of(new Suppression(false, "migration-safety baseline"))
                            : finding.waiver().map(w -> new Suppression(false, "exception register entry " + w))));
        }
        return new Annotations(catalog(), results);
    }

    /**
     * The failing items of {@code launch-gate}: one result per problem of a failed item and one per
     * item that could not run, under the rule {@code launch-gate/<item>}.
     */
    public static Annotations of(LaunchVerdict verdict) {
        Map<String, Rule> itemRules = new LinkedHashMap<>();
        List<Annotation> results = new ArrayList<>();
        for (LaunchVerdict.Entry entry : verdict.entries()) {
            Rule rule = itemRules.computeIfAbsent(entry.item(), Annotations::itemRule);
            if (entry.result() instanceof ItemResult.Failed failed) {
                List<String> problems = failed.problems().isEmpty() ? List.of(failed.summary()) : failed.problems();
                for (String problem : problems) {
                    results.add(new Annotation(rule, Level.error, problem, Optional.empty(), OptionalInt.empty(), Optional.empty()));
                }
            } else if (entry.result() instanceof ItemResult.Errored errored) {
                results.add(new Annotation(rule, Level.error, "could not run: " + errored.summary(),
                        Optional.empty(), OptionalInt.empty(), Optional.empty()));
            }
        }
        List<Rule> rules = new ArrayList<>(catalog());
        rules.addAll(itemRules.values());
        return new Annotations(rules, results);
    }

    private static Rule itemRule(String item) {
        return new Rule("launch-gate/" + item, "launch-gate item '" + item + "' does not hold",
                "The pre-deploy checklist item '" + item + "' failed or could not run, so the launch gate's"
                        + " verdict is no-go.",
                "Run `sosops-env launch-gate` to see the item's problems and fix each one; skip the item only on"
                        + " purpose, with --skip " + item + ".");
    }

    private static Suppression suppression(String waiver) {
        if (waiver.startsWith(INLINE_ALLOW)) {
            return new Suppression(true, waiver.substring(INLINE_ALLOW.length()));
        }
        return new Suppression(false, waiver.equals("baseline") ? "hard-coded secret baseline"
                : "exception register entry " + waiver);
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Annotation> results() {
        return results;
    }

    /** Prints SARIF or GitHub annotations. */
    public void print(FindingsFormat format, PrintWriter out) {
        switch (format) {
            case sarif -> SarifWriter.write(this, out);
            case github -> GithubAnnotations.write(this, out);
            default -> throw new IllegalArgumentException("not an annotation format: " + format);
        }
        out.flush();
    }
}
