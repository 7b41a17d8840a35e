package org.sosops.env.spring.boot;

import org.sosops.env.core.EnvironmentPolicyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed policy check at start-up into Spring Boot's "APPLICATION FAILED TO START" report:
 * the whole report (every problem, each naming its variable, never a value) instead of a stack trace.
 */
public final class EnvironmentPolicyFailureAnalyzer extends AbstractFailureAnalyzer<EnvironmentPolicyException> {
    static final String ACTION = "Set or correct the variables named above, by their exact names, as environment "
            + "variables or in application.properties/yaml (profile files included). To accept a finding for a "
            + "while, record it in the exception register (RISKS_DECISIONS.md; sosops.policy.register). "
            + "'sosops-env check' prints the same report from the command line.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EnvironmentPolicyException cause) {
        return new FailureAnalysis(cause.getMessage(), ACTION, cause);
    }
}
