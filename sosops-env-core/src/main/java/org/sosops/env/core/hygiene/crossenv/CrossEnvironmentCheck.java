package org.sosops.env.core.hygiene.crossenv;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.SecretOccurrence;
import org.sosops.env.core.hygiene.SecretValues;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

/**
 * {@code secret-shared} and {@code identity-shared} over several environments at once. Values are
 * compared by salted fingerprint; findings show at most a short fingerprint, so people can tell
 * which findings are about the same value without seeing it.
 *
 * <pre>{@code
 * Map<AppEnv, Variables> envs = Map.of(AppEnv.DEV, dev, AppEnv.PROD, prod);
 * List<Finding> findings = CrossEnvironmentCheck.withRandomSalt().check(envs);
 * }</pre>
 */
public final class CrossEnvironmentCheck {
    private static final List<String> IDENTITY_VARIABLES = List.of(
            "DATABASE_URL", "APP_URL", "TWILIO_MESSAGING_SERVICE_SID", "EMAIL_FROM_EMAIL");

    private final byte[] salt;
    private final Catalog catalog;

    private CrossEnvironmentCheck(byte[] salt, Catalog catalog) {
        this.salt = salt.clone();
        this.catalog = catalog;
    }

    /**
     * The same check over {@code catalog}'s variables: a host's own secrets are compared like the
     * canonical ones, and its identity variables must differ between environments too.
     */
    public CrossEnvironmentCheck withCatalog(Catalog catalog) {
        return new CrossEnvironmentCheck(salt, java.util.Objects.requireNonNull(catalog));
    }

    /** A check whose short fingerprints change from run to run (nothing to correlate across logs). */
    public static CrossEnvironmentCheck withRandomSalt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new CrossEnvironmentCheck(salt, Catalog.defaults());
    }

    /** A check with a fixed salt, for reproducible short fingerprints. */
    public static CrossEnvironmentCheck withSalt(byte[] salt) {
        return new CrossEnvironmentCheck(salt, Catalog.defaults());
    }

    /** Every finding, in environment order (local, dev, staging, prod), then variable. */
    public List<Finding> check(Map<AppEnv, Variables> environments) {
        Map<AppEnv, Variables> ordered = new EnumMap<>(environments);
        List<Finding> findings = new ArrayList<>();
        findings.addAll(sharedSecrets(ordered));
        findings.addAll(sharedIdentities(ordered));
        return findings;
    }

    private List<Finding> sharedSecrets(Map<AppEnv, Variables> environments) {
        Map<String, List<Held>> byFingerprint = new LinkedHashMap<>();
        environments.forEach((env, variables) -> {
            for (SecretOccurrence occurrence : SecretValues.of(variables, catalog)) {
                String fingerprint = Fingerprints.fingerprint(salt, occurrence.secret().reveal());
                byFingerprint.computeIfAbsent(fingerprint, f -> new ArrayList<>()).add(new Held(env, occurrence));
            }
        });
        List<Finding> findings = new ArrayList<>();
        byFingerprint.forEach((fingerprint, holders) -> {
            if (holders.stream().map(Held::env).distinct().count() < 2) {
                return;
            }
            String shortFingerprint = fingerprint.substring(0, Fingerprints.SHORT_LENGTH);
            for (Held held : holders) {
                String others = holders.stream().filter(h -> h.env != held.env)
                        .map(h -> h.occurrence.describe() + " in " + h.env.id())
                        .distinct().collect(Collectors.joining(", "));
                findings.add(Finding.error(RuleId.SECRET_SHARED,
                                capitalize(held.occurrence.describe()) + " in " + held.env.id()
                                        + " has the same value as " + others + " (fingerprint " + shortFingerprint
                                        + "); give every environment its own secret")
                        .variable(held.occurrence.variable()).environment(held.env)
                        .at(held.occurrence.location()).build());
            }
        });
        findings.sort(ORDER);
        return findings;
    }

    private List<Finding> sharedIdentities(Map<AppEnv, Variables> environments) {
        List<Finding> findings = new ArrayList<>();
        List<String> names = new ArrayList<>(IDENTITY_VARIABLES);
        names.addAll(catalog.hostIdentities());
        for (String name : names) {
            Map<String, List<AppEnv>> byIdentity = new TreeMap<>();
            Map<AppEnv, String> shown = new EnumMap<>(AppEnv.class);
            environments.forEach((env, variables) -> identity(name, variables).ifPresent(id -> {
                byIdentity.computeIfAbsent(id.key, k -> new ArrayList<>()).add(env);
                shown.put(env, id.shown);
            }));
            byIdentity.values().stream().filter(envs -> envs.size() > 1).forEach(envs -> {
                for (AppEnv env : envs) {
                    String others = envs.stream().filter(e -> e != env).map(AppEnv::id)
                            .collect(Collectors.joining(", "));
                    Optional<Location> location = environments.get(env).get(name).flatMap(VariableValue::location);
                    findings.add(Finding.error(RuleId.IDENTITY_SHARED,
                                    what(name) + " in " + env.id() + " is the same as in " + others + " ("
                                            + shown.get(env) + "); each environment needs its own")
                            .variable(name).environment(env).at(location).build());
                }
            });
        }
        findings.sort(ORDER);
        return findings;
    }

    private static Optional<Identity> identity(String name, Variables variables) {
        Optional<String> value = variables.value(name).map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        switch (name) {
            case "DATABASE_URL":
                // Host, port and database only: the credentials are compared as secrets, never shown.
                return DatabaseUrl.parse(v).map(url -> new Identity(url.identity(),
                        "host " + (url.host().isEmpty() ? "(local socket)" : url.host()) + ", database " + url.database()));
            case "APP_URL": {
                String key = v.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
                return Optional.of(new Identity(key, key));
            }
            case "EMAIL_FROM_EMAIL": {
                String key = v.toLowerCase(Locale.ROOT);
                return Optional.of(new Identity(key, key));
            }
            default:
                return Optional.of(new Identity(v, v));
        }
    }

    private static String what(String name) {
        return name.equals("DATABASE_URL") ? "The database of DATABASE_URL" : name;
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.environment().flatMap(AppEnv::parse).map(Enum::ordinal).orElse(99))
            .thenComparing(f -> f.location().map(l -> l.line().orElse(0)).orElse(0))
            .thenComparing(f -> f.variable().orElse(""));

    private record Held(AppEnv env, SecretOccurrence occurrence) {
    }

    private record Identity(String key, String shown) {
    }
}
