package org.sosops.env.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

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
    private static final String BUILTIN_PACKAGE = "org.sosops.env.core.rules.builtin";

    private final List<Rule> rules;

    private RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in rules plus every {@link Rule} on the class path. */
    public static RuleEngine discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** The built-in rules plus every {@link Rule} that {@code loader} sees. */
    public static RuleEngine discover(ClassLoader loader) {
        ClassLoader core = RuleEngine.class.getClassLoader();
        List<Rule> builtin = new ArrayList<>();
        List<Rule> contributed = new ArrayList<>();
        // One pass when the loader sees the core's own service file (the usual case): reading service
        // files is a tenth of a cold check. A loader that does not see it gets the core's separately.
        for (ServiceLoader.Provider<Rule> provider : ServiceLoader.load(Rule.class, loader == null ? core : loader)
                .stream().toList()) {
            if (!isBuiltin(provider.type())) {
                contributed.add(provider.get());
            } else if (provider.type().getClassLoader() == core) {
                builtin.add(provider.get());
            }
        }
        List<Rule> rules = new ArrayList<>(builtin.isEmpty() ? builtinRules() : builtin);
        rules.addAll(contributed);
        return new RuleEngine(rules);
    }

    /** Only the built-in rules of the core. */
    public static RuleEngine builtin() {
        return new RuleEngine(builtinRules());
    }

    // The built-in rules are listed in the core's own service file, not referenced from here, so
    // this package does not depend on the rules package it hosts (no package cycle). They are
    // always loaded through the core's class loader, whatever loader finds the contributed ones.
    private static List<Rule> builtinRules() {
        List<Rule> builtin = ServiceLoader.load(Rule.class, RuleEngine.class.getClassLoader()).stream()
                .filter(provider -> isBuiltin(provider.type()))
                .map(ServiceLoader.Provider::get)
                .toList();
        if (builtin.isEmpty()) {
            throw new IllegalStateException("the core's built-in rules are missing from "
                    + "META-INF/services/" + Rule.class.getName() + " (a repackaged jar dropped it?)");
        }
        return builtin;
    }

    private static boolean isBuiltin(Class<?> type) {
        return type.getPackageName().equals(BUILTIN_PACKAGE);
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
