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
 * One secret of one environment, as a salted fingerprint that travels to the other environments:
 * {@code sosops-fp1:<env>:<VARIABLE>[#password]:<salt hex>:<HMAC-SHA256 hex>}.
 *
 * <pre>{@code
 * FingerprintEntry e = FingerprintEntry.parse("sosops-fp1:dev:AUTH_SECRET:9f…:3c…").orElseThrow();
 * boolean same = e.matches(Secret.of(System.getenv("AUTH_SECRET")));
 * }</pre>
 *
 * @param environment the environment that holds the secret ({@code dev})
 * @param label       the variable, with {@code #password} for a password inside a URL
 * @param saltHex     the salt of the HMAC, hex
 * @param fingerprint HMAC-SHA256 of the value keyed by the salt, 64 hex characters
 */
public record FingerprintEntry(String environment, String label, String saltHex, String fingerprint) {
    public static final String PREFIX = "sosops-fp1";
    private static final Pattern TOKEN = Pattern.compile(
            PREFIX + ":([a-z]+):([A-Za-z_][A-Za-z0-9_.]*(?:#password)?):([0-9a-f]{16,128}):([0-9a-f]{64})");

    public FingerprintEntry {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(saltHex, "saltHex");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public static FingerprintEntry of(String environment, String label, byte[] salt, Secret value) {
        return new FingerprintEntry(environment, label, HexFormat.of().formatHex(salt),
                Fingerprints.fingerprint(salt, value.reveal()));
    }

    /** Parses one token; empty when it is not one. */
    public static Optional<FingerprintEntry> parse(String token) {
        Matcher m = TOKEN.matcher(token.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new FingerprintEntry(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    public byte[] salt() {
        return HexFormat.of().parseHex(saltHex);
    }

    /** True when {@code value} has this fingerprint; compared in constant time. */
    public boolean matches(Secret value) {
        return matchesFingerprint(Fingerprints.fingerprint(salt(), value.reveal()));
    }

    /** True when a fingerprint computed with {@link #salt()} is this one; compared in constant time. */
    public boolean matchesFingerprint(String candidate) {
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
                fingerprint.getBytes(StandardCharsets.US_ASCII));
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
        return PREFIX + ":" + environment + ":" + label + ":" + saltHex + ":" + fingerprint;
    }

    @Override
    public String toString() {
        return PREFIX + ":" + environment + ":" + label + ":…:" + shortFingerprint();
    }
}
