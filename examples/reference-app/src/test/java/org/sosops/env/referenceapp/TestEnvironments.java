package org.sosops.env.referenceapp;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyLoader;

/** Complete variable sets for starting the application in tests, on a free loopback port. */
final class TestEnvironments {
    private TestEnvironments() {
    }

    /** A valid local environment: no database server, every endpoint on 127.0.0.1 and a free port. */
    static Map<String, String> local(Path dataDir) {
        Map<String, String> variables = new HashMap<>();
        variables.put("APP_ENV", "local");
        variables.put("APP_URL", "http://localhost:3000");
        // A fresh secret per start: tests never share one, and none is written in the source.
        variables.put("AUTH_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID());
        variables.put("LOG_LEVEL", "warn");
        variables.put("PORT", "0");
        variables.put("SOSOPS_BIND_ADDRESS", "127.0.0.1");
        variables.put("SOSOPS_WEBHOOK_DATA_DIR", dataDir.toString());
        return variables;
    }

    static EnvironmentPolicyLoader loader(Map<String, String> variables) {
        return EnvironmentPolicy.loader().processEnvironment(variables).ignoreProcessSettings();
    }

    static ReferenceApp start(Map<String, String> variables) throws StartupException {
        return ReferenceApp.start(loader(variables).load());
    }
}
