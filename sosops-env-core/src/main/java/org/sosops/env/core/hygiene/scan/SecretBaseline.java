package org.sosops.env.core.hygiene.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.sosops.env.core.secret.Fingerprints;

/**
 * Reviewed hard-coded secrets that should not fail CI, in the manner of detect-secrets' baseline:
 * each entry is a file and a salted hash of the secret, never a line number, so moving a line
 * keeps it baselined while the same secret in another file is new. The file is plain text, one
 * entry per line, so reviews see exactly what was accepted:
 *
 * <pre>
 * # sosops-env secrets baseline v1
 * salt 5f0c9e…
 * src/test/java/SignatureTest.java	assigned-literal	TWILIO_AUTH_TOKEN	9b1d…(64 hex)
 * </pre>
 *
 * <pre>{@code
 * SecretBaseline baseline = SecretBaseline.read(Path.of(".secrets-baseline"));
 * boolean reviewed = baseline.contains(secret);
 * }</pre>
 */
public final class SecretBaseline {
    private static final String HEADER = "# sosops-env secrets baseline v1";
    // Whole bytes only: an odd number of digits is malformed, not a parse crash.
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2}){8,64}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final byte[] salt;
    private final List<Entry> entries;
    private final Set<String> keys = new LinkedHashSet<>();

    private SecretBaseline(byte[] salt, List<Entry> entries) {
        this.salt = salt.clone();
        this.entries = List.copyOf(entries);
        for (Entry entry : entries) {
            keys.add(entry.file + '\u0000' + entry.hash);
        }
    }

    /** A baseline that accepts exactly {@code secrets}, under a fresh random salt. */
    public static SecretBaseline of(List<SourceSecret> secrets) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SourceSecret secret : secrets) {
            Entry entry = new Entry(secret.file(), secret.kind(), secret.variable().orElse("-"),
                    Fingerprints.fingerprint(salt, secret.secret().reveal()));
            if (seen.add(entry.file + '\u0000' + entry.hash)) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparing(Entry::file).thenComparing(Entry::kind).thenComparing(Entry::hash));
        return new SecretBaseline(salt, entries);
    }

    /**
     * Reads a baseline file.
     *
     * @throws BaselineException naming the file and line when it is missing or malformed
     */
    public static SecretBaseline read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BaselineException(file + ": baseline file not found (create it with --write-baseline)");
        } catch (IOException e) {
            throw new BaselineException(file + ": baseline cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), lines);
    }

    /**
     * Parses the text of a baseline file.
     *
     * @param file names the text in messages
     * @throws BaselineException naming the file and line of the first malformed line
     */
    public static SecretBaseline parse(String file, String text) {
        return parse(file, text.lines().toList());
    }

    private static SecretBaseline parse(String file, List<String> lines) {
        byte[] salt = null;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            if (line.startsWith("salt ")) {
                String hex = line.substring(5).strip();
                if (!HEX.matcher(hex).matches()) {
                    throw new BaselineException(where + "the salt must be hex");
                }
                salt = HexFormat.of().parseHex(hex);
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 4 || !HASH.matcher(fields[3]).matches()) {
                throw new BaselineException(where + "expected FILE<tab>KIND<tab>VARIABLE<tab>HASH");
            }
            entries.add(new Entry(fields[0], fields[1], fields[2], fields[3]));
        }
        if (salt == null) {
            if (!entries.isEmpty()) {
                throw new BaselineException(file + ": the 'salt' line is missing");
            }
            salt = new byte[16];
        }
        return new SecretBaseline(salt, entries);
    }

    /** True when this secret, in this file, was reviewed. */
    public boolean contains(SourceSecret secret) {
        return keys.contains(secret.file() + '\u0000' + Fingerprints.fingerprint(salt, secret.secret().reveal()));
    }

    /** Entries no current secret matches: fixed or removed since the review. */
    public List<Entry> stale(List<SourceSecret> current) {
        Set<String> live = new LinkedHashSet<>();
        for (SourceSecret secret : current) {
            live.add(secret.file() + '\u0000' + Fingerprints.fingerprint(salt, secret.secret().reveal()));
        }
        return entries.stream().filter(e -> !live.contains(e.file + '\u0000' + e.hash)).toList();
    }

    public List<Entry> entries() {
        return entries;
    }

    public String toText() {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("# Reviewed hard-coded secrets: file, kind, variable, salted hash. No line numbers, no values.\n")
                .append("salt ").append(HexFormat.of().formatHex(salt)).append('\n');
        for (Entry entry : entries) {
            text.append(entry.file).append('\t').append(entry.kind).append('\t').append(entry.variable)
                    .append('\t').append(entry.hash).append('\n');
        }
        return text.toString();
    }

    public void write(Path file) {
        try {
            Files.writeString(file, toText(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BaselineException(file + ": baseline cannot be written (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** One reviewed secret: its file, what it is and the salted hash of its value. */
    public record Entry(String file, String kind, String variable, String hash) {
    }

    /** A baseline file that is missing, unreadable or malformed; the message names file and line. */
    public static final class BaselineException extends RuntimeException {
        public BaselineException(String message) {
            super(message);
        }
    }
}
