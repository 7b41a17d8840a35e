package org.sosops.env.core;

import java.util.Optional;
import org.sosops.env.core.rules.ValidationReport;

/**
 * Thrown at start-up when the environment does not satisfy the policy. The message is the whole
 * readable report (every problem, with variable, file and line) and never contains a secret.
 */
public final class EnvironmentPolicyException extends RuntimeException {
    private final transient ValidationReport report;

    EnvironmentPolicyException(String message, ValidationReport report) {
        super(message);
        this.report = report;
    }

    /** The report behind the message; empty when the input itself could not be read. */
    public Optional<ValidationReport> report() {
        return Optional.ofNullable(report);
    }
}
