package org.sosops.env.core.rules;

import java.util.function.Consumer;

/** A rule another module would contribute; listed in the test class path's service file. */
public final class ContributedRuleForTests implements Rule {
    static final String TRIGGER = "SOSOPS_TEST_CONTRIBUTED_RULE";

    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        if (context.variables().isPresent(TRIGGER)) {
            findings.accept(Finding.warning(RuleId.VALUE_INVALID, TRIGGER + " is set").variable(TRIGGER).build());
        }
    }
}
