package org.sosops.env.core.hygiene.crossenv;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.SecretOccurrence;
import org.sosops.env.core.hygiene.SecretValues;
import org.sosops.env.core.variables.Variables;

/**
 * A list of {@link FingerprintEntry fingerprint entries}: what {@code sosops-env secrets fingerprint}
 * prints for one environment, and what a host in another environment reads (from the file named
 * by {@code SOSOPS_SECRET_FINGERPRINTS_FILE} or inline from {@code SOSOPS_SECRET_FINGERPRINTS}) to
 * refuse a secret another environment holds.
 *
 * <p>Text form: one token per line or separated by commas or blanks; {@code #} starts a comment
 * line.
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

    /** Fingerprints of every secret of one environment, under a fresh random salt. */
    public static FingerprintList of(AppEnv environment, Variables variables) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return of(environment, variables, salt);
    }

    public static FingerprintList of(AppEnv environment, Variables variables, byte[] salt) {
        List<FingerprintEntry> entries = new ArrayList<>();
        for (SecretOccurrence occurrence : SecretValues.of(variables)) {
            entries.add(FingerprintEntry.of(environment.id(), occurrence.label(), salt, occurrence.secret()));
        }
        return new FingerprintList(entries);
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
                        source + (lines.length > 1 ? " line " + lineNumber : "")
                                + ": not a fingerprint entry (expected " + FingerprintEntry.PREFIX
                                + ":<env>:<VARIABLE>:<salt>:<fingerprint>)")));
            }
        }
        return new FingerprintList(entries);
    }

    /** One token per line, after a comment saying what the file is. */
    public String toText() {
        StringBuilder text = new StringBuilder(
                "# sosops-env secret fingerprints (salted HMAC-SHA256; no secret values)\n");
        for (FingerprintEntry entry : entries) {
            text.append(entry.token()).append('\n');
        }
        return text.toString();
    }
}
