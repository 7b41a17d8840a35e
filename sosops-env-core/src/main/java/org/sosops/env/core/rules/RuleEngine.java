package org.sosops.env.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.sosops.env.core.rules.builtin.BuiltinRules;

/**
 * Runs rules over one environment and collects every finding at once. Thread-safe and cheap to
 * call repeatedly: build it once.
 *
 * <pre>{@code
 * RuleEngine engine = RuleEngine.discover();
 * ValidationReport report = engine.evaluate(context);
 * }</pre>
 */
public final class RuleEngine {
    private final List<Rule> rules;

    private RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in rules plus every {@link Rule} on the class path. */
    public static RuleEngine discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    public static RuleEngine discover(ClassLoader loader) {
        List<Rule> rules = new ArrayList<>(BuiltinRules.all());
        ServiceLoader.load(Rule.class, loader == null ? RuleEngine.class.getClassLoader() : loader)
                .forEach(rules::add);
        return new RuleEngine(rules);
    }

    /** Only the built-in rules of the core. */
    public static RuleEngine builtin() {
        return new RuleEngine(BuiltinRules.all());
    }

    public static RuleEngine of(List<Rule> rules) {
        return new RuleEngine(rules);
    }

    public RuleEngine with(Rule rule) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(rule);
        return new RuleEngine(more);
    }

    public List<Rule> rules() {
        return rules;
    }

    public ValidationReport evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            rule.evaluate(context, findings::add);
        }
        return new ValidationReport(findings);
    }
}
