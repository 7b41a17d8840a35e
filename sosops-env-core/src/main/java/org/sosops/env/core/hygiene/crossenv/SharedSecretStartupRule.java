package org.sosops.env.core.hygiene.crossenv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
        List<SecretOccurrence> own = SecretValues.of(context.variables(), context.catalog());
        Map<String, Map<String, String>> bySalt = new HashMap<>();
        for (FingerprintEntry entry : foreign) {
            if (entry.environment().equals(env.id())) {
                continue;
            }
            Map<String, String> ownFingerprints = bySalt.computeIfAbsent(entry.saltHex(), s -> {
                Map<String, String> computed = new HashMap<>();
                byte[] salt = entry.salt();
                for (SecretOccurrence o : own) {
                    computed.put(o.label(), Fingerprints.fingerprint(salt, o.secret().reveal()));
                }
                return computed;
            });
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
