package org.sosops.env.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A secret value that never shows itself: {@code toString()} is {@code ***}, and the only way to
 * the value is an explicit {@link #reveal()} at the point of use.
 *
 * <pre>{@code
 * Secret token = Secret.of(System.getenv("TWILIO_AUTH_TOKEN"));
 * log.info("token {}", token);            // token ***
 * mac.init(new SecretKeySpec(token.bytes(), "HmacSHA1"));
 * }</pre>
 */
public final class Secret {
    private final String value;
    /** Cached keyed hash; 0 until computed (a computed hash is never 0). */
    private int hash;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        return new Secret(value);
    }

    /** The plain value. Call it only where the secret is used, never to print or log it. */
    public String reveal() {
        return value;
    }

    /** The value as UTF-8 bytes, a fresh copy the caller may clear after use. */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public int length() {
        return value.length();
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** A short salted one-way fingerprint that identifies the value without revealing it. */
    public String fingerprint(byte[] salt) {
        return Fingerprints.shortFingerprint(salt, value);
    }

    /** Compares in constant time, so equality checks leak nothing through timing. */
    public boolean matches(Secret other) {
        return other != null && MessageDigest.isEqual(bytes(), other.bytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && matches(secret);
    }

    /**
     * A keyed hash: HMAC-SHA256 of the value under a key drawn at random once per JVM, so equal
     * secrets hash alike (the equals/hashCode contract holds) while the number reveals nothing
     * that could be checked against a guess ({@code String.hashCode()} of a value is easy to
     * brute-force for short secrets, and hash codes end up in heap dumps and debug output).
     */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            byte[] mac = Fingerprints.hmac(HashKey.KEY, bytes());
            h = ((mac[0] & 0xff) << 24 | (mac[1] & 0xff) << 16 | (mac[2] & 0xff) << 8 | (mac[3] & 0xff)) | 1;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "***";
    }

    /**
     * The per-JVM key of {@link #hashCode()}; never leaves this class. Drawn on first use, not when
     * the class loads: most secrets are never hashed, and seeding a {@link SecureRandom} brings up
     * the security providers, a tenth of a cold {@code check}'s time.
     */
    private static final class HashKey {
        static final byte[] KEY = randomKey();

        private static byte[] randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
    }
}
