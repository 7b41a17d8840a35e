package org.sosops.env.spring.boot;

import org.sosops.env.core.recipients.AllowlistException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * The library's other start-up refusals — a strict environment without a webhook signing secret,
 * malformed flag overrides, a bad allowlist — as one readable line naming the variable. Their
 * messages never carry a secret value.
 */
public final class SosOpsConfigurationFailureAnalyzer implements FailureAnalyzer {
    private static final String[] TYPES = {
        "org.sosops.env.webhooks.WebhookConfigurationException",
        "org.sosops.env.flags.FlagConfigurationException",
        "org.sosops.env.flags.overrides.InvalidOverridesException",
        AllowlistException.class.getName(),
    };

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (String type : TYPES) {
                if (cause.getClass().getName().equals(type)) {
                    return new FailureAnalysis("SOS Ops Env configuration refused: " + cause.getMessage(),
                            "Set or correct the variable named above (environment variable or application.properties).",
                            cause);
                }
            }
        }
        return null;
    }
}
