package org.sosops.env.core.env;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The four deployment environments and the policy each one carries.
 *
 * <pre>{@code
 * AppEnv env = AppEnv.parse(System.getenv("APP_ENV")).orElseThrow();
 * if (env.traits().rateLimitingEnabled()) { ... }
 * }</pre>
 */
public enum AppEnv {
    LOCAL("local", new EnvironmentTraits(false, false, BackupExpectation.NONE, false, false, false,
            RealRecipientPolicy.NEVER, Optional.empty())),
    DEV("dev", new EnvironmentTraits(false, false, BackupExpectation.NONE, true, true, false,
            RealRecipientPolicy.WITH_STAFF_AUTHORIZATION_AND_LABEL, Optional.of("local"))),
    STAGING("staging", new EnvironmentTraits(true, true, BackupExpectation.WEEKLY, true, true, true,
            RealRecipientPolicy.WITH_STAFF_AUTHORIZATION_AND_LABEL, Optional.of("dev"))),
    PROD("prod", new EnvironmentTraits(true, true, BackupExpectation.DAILY_AND_MONTHLY_SNAPSHOT, true, true, true,
            RealRecipientPolicy.WITH_STAFF_AUTHORIZATION, Optional.of("staging")));

    /** Common spellings people use for an environment, mapped to its canonical name. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("production", "prod"), Map.entry("prd", "prod"), Map.entry("live", "prod"),
            Map.entry("development", "dev"), Map.entry("develop", "dev"), Map.entry("devel", "dev"),
            Map.entry("stage", "staging"), Map.entry("stg", "staging"), Map.entry("preprod", "staging"),
            Map.entry("pre-prod", "staging"), Map.entry("uat", "staging"), Map.entry("qa", "staging"),
            Map.entry("localhost", "local"), Map.entry("loc", "local"), Map.entry("test", "local"));

    private final String id;
    private final EnvironmentTraits traits;

    AppEnv(String id, EnvironmentTraits traits) {
        this.id = id;
        this.traits = traits;
    }

    /** The canonical lower-case name, as {@code APP_ENV} spells it. */
    public String id() {
        return id;
    }

    public EnvironmentTraits traits() {
        return traits;
    }

    /** The environment a migration must have been proven on before it may run here. */
    public Optional<AppEnv> migrationsProvenOn() {
        return traits.migrationsProvenOnId().map(AppEnv::valueOfId);
    }

    /** Parses a canonical name exactly (lower case, no surrounding blanks). */
    public static Optional<AppEnv> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (AppEnv env : values()) {
            if (env.id.equals(value)) {
                return Optional.of(env);
            }
        }
        return Optional.empty();
    }

    /** The canonical environment a mistyped value most likely meant, if any is close enough. */
    public static Optional<AppEnv> closestTo(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        Optional<AppEnv> exact = parse(normalized);
        if (exact.isPresent()) {
            return exact;
        }
        String alias = ALIASES.get(normalized);
        if (alias != null) {
            return parse(alias);
        }
        AppEnv best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (AppEnv env : values()) {
            int distance = editDistance(normalized, env.id);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = env;
            }
        }
        return bestDistance <= 2 ? Optional.of(best) : Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }

    private static AppEnv valueOfId(String id) {
        return parse(id).orElseThrow();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
