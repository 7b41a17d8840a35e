package org.sosops.env.core.hygiene.crossenv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.secret.Secret;

/**
 * One secret of one environment, as a slow salted fingerprint that travels to the other
 * environments:
 * {@code sosops-fp2:<env>:<VARIABLE>[#password]:pbkdf2-sha256:<iterations>:<salt hex>:<hash hex>}.
 *
 * <p>The hash is PBKDF2-HMAC-SHA256 with the work factor written in the entry, so whoever reads a
 * leaked list pays that work factor for every guess. Every entry of one list shares one salt and
 * work factor, so a host checks a list with one derivation per secret of its own, however long
 * the list is. The first format ({@code sosops-fp1}, a single HMAC per guess) is refused with a
 * message saying how to regenerate.
 *
 * <pre>{@code
 * FingerprintEntry e = FingerprintEntry.parse("sosops-fp2:dev:AUTH_SECRET:pbkdf2-sha256:40000:9f…:3c…").orElseThrow();
 * boolean same = e.matches(Secret.of(System.getenv("AUTH_SECRET")));
 * }</pre>
 *
 * @param environment the environment that holds the secret ({@code dev})
 * @param label       the variable, with {@code #password} for a password inside a URL
 * @param iterations  the PBKDF2 work factor
 * @param saltHex     the salt, hex (at least 16 bytes)
 * @param fingerprint PBKDF2-HMAC-SHA256 of the value, 64 hex characters
 */
public record FingerprintEntry(String environment, String label, int iterations, String saltHex, String fingerprint) {
    public static final String PREFIX = "sosops-fp2";
    /** The first format: refused, because one HMAC per guess is too cheap for a list that travels. */
    public static final String OLD_PREFIX = "sosops-fp1";
    public static final String ALGORITHM = "pbkdf2-sha256";
    /** The shape of a token, for messages. */
    public static final String SHAPE = PREFIX + ":<env>:<VARIABLE>:" + ALGORITHM + ":<iterations>:<salt>:<hash>";

    private static final Pattern TOKEN = Pattern.compile(PREFIX + ":([a-z]+):([A-Za-z_][A-Za-z0-9_.]*(?:#password)?):"
            + ALGORITHM + ":([1-9][0-9]{0,8}):((?:[0-9a-f]{2}){16,64}):([0-9a-f]{64})");

    public FingerprintEntry {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(saltHex, "saltHex");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The entry of {@code value} under the given salt and work factor (one PBKDF2 derivation). */
    public static FingerprintEntry of(String environment, String label, byte[] salt, int iterations, Secret value) {
        return new FingerprintEntry(environment, label, iterations, HexFormat.of().formatHex(salt),
                Fingerprints.derive(salt, iterations, value.reveal()));
    }

    /** Parses one token; empty when it is not one (see {@link #problem(String)} for why). */
    public static Optional<FingerprintEntry> parse(String token) {
        Matcher m = TOKEN.matcher(token.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int iterations = Integer.parseInt(m.group(3));
        if (iterations < Fingerprints.MIN_ITERATIONS || iterations > Fingerprints.MAX_ITERATIONS) {
            return Optional.empty();
        }
        return Optional.of(new FingerprintEntry(m.group(1), m.group(2), iterations, m.group(4), m.group(5)));
    }

    /** Why {@code token} is not an entry, in words that say how to fix it; empty when it is one. */
    public static Optional<String> problem(String token) {
        String t = token.strip();
        if (parse(t).isPresent()) {
            return Optional.empty();
        }
        if (t.startsWith(OLD_PREFIX + ":")) {
            return Optional.of("a " + OLD_PREFIX + " entry (one fast HMAC per guess, too cheap to test guesses "
                    + "against) is no longer accepted; regenerate the list with 'sosops-env secrets fingerprint'");
        }
        Matcher m = Pattern.compile(PREFIX + ":[a-z]+:[^:]+:" + ALGORITHM + ":([0-9]{1,9}):.*").matcher(t);
        if (m.matches()) {
            return Optional.of("the work factor must be between " + Fingerprints.MIN_ITERATIONS + " and "
                    + Fingerprints.MAX_ITERATIONS + " iterations");
        }
        return Optional.of("not a fingerprint entry (expected " + SHAPE + ")");
    }

    public byte[] salt() {
        return HexFormat.of().parseHex(saltHex);
    }

    /** True when {@code value} has this fingerprint (one slow derivation); compared in constant time. */
    public boolean matches(Secret value) {
        return matchesFingerprint(Fingerprints.derive(salt(), iterations, value.reveal()));
    }

    /** True when a fingerprint derived with this entry's salt and work factor is this one; constant time. */
    public boolean matchesFingerprint(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
                fingerprint.getBytes(StandardCharsets.US_ASCII));
    }

    /** The salt and work factor, which entries of one list share: one derivation per own secret each. */
    public String parameters() {
        return iterations + ":" + saltHex;
    }

    /** The first characters of the fingerprint, for people. */
    public String shortFingerprint() {
        return fingerprint.substring(0, Fingerprints.SHORT_LENGTH);
    }

    /** The variable without the {@code #password} suffix. */
    public String variable() {
        int hash = label.indexOf('#');
        return hash < 0 ? label : label.substring(0, hash);
    }

    /** {@code AUTH_SECRET} or {@code the password in DATABASE_URL}. */
    public String describe() {
        return label.endsWith("#password") ? "the password in " + variable() : label;
    }

    public String token() {
        return PREFIX + ":" + environment + ":" + label + ":" + ALGORITHM + ":" + iterations + ":" + saltHex + ":"
                + fingerprint;
    }

    @Override
    public String toString() {
        return PREFIX + ":" + environment + ":" + label + ":…:" + shortFingerprint();
    }
}
