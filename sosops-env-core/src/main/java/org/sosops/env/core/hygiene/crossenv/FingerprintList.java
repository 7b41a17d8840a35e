package org.sosops.env.core.hygiene.crossenv;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.SecretOccurrence;
import org.sosops.env.core.hygiene.SecretValues;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.variables.Variables;

/**
 * A list of {@link FingerprintEntry fingerprint entries}: what {@code sosops-env secrets fingerprint}
 * prints for one environment, and what a host in another environment reads (from the file named
 * by {@code SOSOPS_SECRET_FINGERPRINTS_FILE} or inline from {@code SOSOPS_SECRET_FINGERPRINTS}) to
 * refuse a secret another environment holds.
 *
 * <p>Text form: one token per line or separated by commas or blanks; {@code #} starts a comment
 * line. Every entry of a list shares one random salt and work factor ({@link FingerprintEntry}),
 * so checking a list costs one slow derivation per secret of the checking host. Lists of several
 * environments made with the same salt ({@link #of(AppEnv, Variables, byte[], int)}, or
 * {@code secrets fingerprint --same-salt-as FILE}) cost no more to check than one.
 *
 * <pre>{@code
 * FingerprintList dev = FingerprintList.of(AppEnv.DEV, devVariables);
 * Files.writeString(Path.of("dev.fingerprints"), dev.toText());
 * }</pre>
 */
public record FingerprintList(List<FingerprintEntry> entries) {
    public FingerprintList {
        entries = List.copyOf(entries);
    }

    /** Fingerprints of every secret of one environment, under a fresh random salt and the default work factor. */
    public static FingerprintList of(AppEnv environment, Variables variables) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return of(environment, variables, salt, Fingerprints.DEFAULT_ITERATIONS);
    }

    /**
     * Fingerprints under a given salt and work factor, e.g. those of another environment's list
     * so that a combined list still costs one derivation per secret to check.
     *
     * @throws IllegalArgumentException when the salt is shorter than 16 bytes or the work factor out of range
     */
    public static FingerprintList of(AppEnv environment, Variables variables, byte[] salt, int iterations) {
        List<FingerprintEntry> entries = new ArrayList<>();
        for (SecretOccurrence occurrence : SecretValues.of(variables)) {
            if (!occurrence.secret().reveal().isEmpty()) {
                entries.add(FingerprintEntry.of(environment.id(), occurrence.label(), salt, iterations,
                        occurrence.secret()));
            }
        }
        return new FingerprintList(entries);
    }

    /** The distinct salt-and-work-factor sets of the entries (one slow derivation per own secret each). */
    public Set<String> parameterSets() {
        Set<String> sets = new LinkedHashSet<>();
        entries.forEach(e -> sets.add(e.parameters()));
        return sets;
    }

    /**
     * Parses the text form.
     *
     * @param source names the text in error messages (a file or a variable)
     * @throws IllegalArgumentException naming the source and line of the first bad token
     */
    public static FingerprintList parse(String source, String text) {
        List<FingerprintEntry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String token : line.split("[,\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                int lineNumber = i + 1;
                entries.add(FingerprintEntry.parse(token).orElseThrow(() -> new IllegalArgumentException(
                        source + (lines.length > 1 ? " line " + lineNumber : "") + ": "
                                + FingerprintEntry.problem(token).orElse("not a fingerprint entry"))));
            }
        }
        return new FingerprintList(entries);
    }

    /** One token per line, after a comment saying what the file is. */
    public String toText() {
        StringBuilder text = new StringBuilder(
                "# sosops-env secret fingerprints (PBKDF2-HMAC-SHA256, one salt per list; no secret values)\n");
        for (FingerprintEntry entry : entries) {
            text.append(entry.token()).append('\n');
        }
        return text.toString();
    }
}
