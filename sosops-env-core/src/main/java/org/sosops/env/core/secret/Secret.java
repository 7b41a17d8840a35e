package org.sosops.env.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
