package org.sosops.env.core.hygiene.crossenv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.SecretOccurrence;
import org.sosops.env.core.hygiene.SecretValues;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.Rule;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Fingerprints;

/**
 * {@code secret-shared} at start-up: a deployed environment sees only its own variables, so it is
 * given the other environments' {@link FingerprintList fingerprints} and refuses to start when one
 * of its own secrets matches. Meant for staging and prod; it runs wherever it is configured, and
 * skips entries of the host's own environment, so one combined file can go everywhere.
 *
 * <p>Settings: {@value #FILE_SETTING} (a file path; several separated by commas) and
 * {@value #INLINE_SETTING} (the tokens themselves). A setting that cannot be read is a blocking
 * {@code value-invalid} finding: the check fails closed.
 *
 * <pre>{@code
 * // SOSOPS_SECRET_FINGERPRINTS_FILE=/etc/sosops/other-envs.fingerprints
 * EnvironmentPolicy policy = EnvironmentPolicy.fromEnvironment(); // throws on a shared secret
 * }</pre>
 */
public final class SharedSecretStartupRule implements Rule {
    public static final String FILE_SETTING = "SOSOPS_SECRET_FINGERPRINTS_FILE";
    public static final String INLINE_SETTING = "SOSOPS_SECRET_FINGERPRINTS";
    /** Distinct salts accepted across every list: start-up pays one derivation per own secret for each. */
    public static final int MAX_PARAMETER_SETS = 4;

    @Override
    public void evaluate(RuleContext context, Consumer<Finding> findings) {
        if (context.environment().isEmpty()) {
            return;
        }
        AppEnv env = context.environment().get();
        List<FingerprintEntry> foreign = new ArrayList<>();
        context.variables().value(FILE_SETTING).ifPresent(paths -> {
            for (String path : paths.split(",")) {
                if (!path.isBlank()) {
                    readFile(path.strip(), env, findings).ifPresent(list -> foreign.addAll(list.entries()));
                }
            }
        });
        context.variables().value(INLINE_SETTING).ifPresent(text -> {
            try {
                foreign.addAll(FingerprintList.parse(INLINE_SETTING, text).entries());
            } catch (IllegalArgumentException e) {
                findings.accept(Finding.error(RuleId.VALUE_INVALID, e.getMessage())
                        .variable(INLINE_SETTING).environment(env).build());
            }
        });
        if (foreign.isEmpty()) {
            return;
        }
        List<SecretOccurrence> own = SecretValues.of(context.variables(), context.catalog()).stream()
                .filter(o -> !o.secret().reveal().isEmpty()).toList();
        List<FingerprintEntry> others = foreign.stream().filter(e -> !e.environment().equals(env.id())).toList();
        Set<String> parameterSets = new LinkedHashSet<>();
        others.forEach(e -> parameterSets.add(e.parameters()));
        if (parameterSets.size() > MAX_PARAMETER_SETS) {
            // Each salt costs one slow derivation per own secret: an unbounded number would stall start-up.
            findings.accept(Finding.error(RuleId.VALUE_INVALID, "the secret fingerprint lists use "
                            + parameterSets.size() + " different salts (at most " + MAX_PARAMETER_SETS
                            + "); generate them with 'sosops-env secrets fingerprint --same-salt-as FILE'")
                    .variable(context.variables().value(FILE_SETTING).isPresent() ? FILE_SETTING : INLINE_SETTING)
                    .environment(env).build());
            return;
        }
        // One derivation per (salt and work factor, own secret), run in parallel: the cost of a guess
        // is the attacker's, not a start-up's.
        Map<String, Map<String, String>> derived = new ConcurrentHashMap<>();
        parameterSets.parallelStream().forEach(set -> {
            FingerprintEntry sample = others.stream().filter(e -> e.parameters().equals(set)).findFirst().orElseThrow();
            byte[] salt = sample.salt();
            Map<String, String> computed = new ConcurrentHashMap<>();
            own.parallelStream().forEach(o -> computed.put(o.label(),
                    Fingerprints.derive(salt, sample.iterations(), o.secret().reveal())));
            derived.put(set, computed);
        });
        for (FingerprintEntry entry : others) {
            Map<String, String> ownFingerprints = derived.get(entry.parameters());
            for (SecretOccurrence o : own) {
                if (entry.matchesFingerprint(ownFingerprints.get(o.label()))) {
                    findings.accept(Finding.error(RuleId.SECRET_SHARED,
                                    capitalize(o.describe()) + " has the same value as " + entry.describe() + " in "
                                            + entry.environment() + " (fingerprint " + entry.shortFingerprint()
                                            + "); give every environment its own secret")
                            .variable(o.variable()).environment(env).at(o.location()).build());
                }
            }
        }
    }

    private static Optional<FingerprintList> readFile(String path, AppEnv env, Consumer<Finding> findings) {
        String problem;
        try {
            String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            return Optional.of(FingerprintList.parse(path, text));
        } catch (NoSuchFileException e) {
            problem = path + ": file not found";
        } catch (IOException | java.io.UncheckedIOException e) {
            problem = path + ": cannot be read (" + e.getClass().getSimpleName() + ")";
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        findings.accept(Finding.error(RuleId.VALUE_INVALID,
                        FILE_SETTING + " " + problem + "; the cross-environment secret check cannot run")
                .variable(FILE_SETTING).environment(env).build());
        return Optional.empty();
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
