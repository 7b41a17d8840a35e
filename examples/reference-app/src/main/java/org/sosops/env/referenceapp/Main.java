package org.sosops.env.referenceapp;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyException;
import org.sosops.env.core.EnvironmentPolicyLoader;
import org.slf4j.LoggerFactory;

/**
 * Entry point: validates the environment through the core, refuses to start with the whole
 * report when the policy fails (exit 1; exit 2 for unreadable input or an unusable setting), else
 * serves in the foreground until stopped.
 */
public final class Main {
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        configureLogging(System.getenv());
        Launch launch = launch(EnvironmentPolicy.loader(), System.err);
        if (launch instanceof Launch.Refused refused) {
            System.exit(refused.exitCode());
            return;
        }
        ReferenceApp app = ((Launch.Started) launch).app();
        ProcessHandle.current().info().startInstant().ifPresent(start -> LoggerFactory.getLogger(Main.class)
                .info("ready {} ms after the JVM started", Duration.between(start, Instant.now()).toMillis()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        app.join();
    }

    /** Loads and validates the environment, then starts; every refusal is explained on {@code err}. */
    public static Launch launch(EnvironmentPolicyLoader loader, PrintStream err) {
        EnvironmentPolicy policy;
        try {
            policy = loader.load();
        } catch (EnvironmentPolicyException e) {
            err.println("reference-app: refusing to start.");
            err.println(e.getMessage());
            return new Launch.Refused(e.report().isPresent() ? 1 : 2);
        }
        try {
            return new Launch.Started(ReferenceApp.start(policy));
        } catch (StartupException e) {
            err.println("reference-app: refusing to start: " + e.getMessage());
            return new Launch.Refused(2);
        }
    }

    /** slf4j-simple reads its settings once, so they are set before the first logger exists. */
    private static void configureLogging(Map<String, String> environment) {
        String level = environment.getOrDefault("LOG_LEVEL", "info").strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            level = "info";
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        if (!level.equals("trace") && !level.equals("debug")) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        }
    }
}
