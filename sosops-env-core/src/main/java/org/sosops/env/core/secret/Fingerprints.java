package org.sosops.env.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-way fingerprints of secret values.
 *
 * <ul>
 * <li>{@link #fingerprint(byte[], String)}: fast HMAC-SHA256 keyed by a salt, for comparisons
 *     inside one process whose salt is never shown (the salt is the key; without it nothing can be
 *     checked).</li>
 * <li>{@link #derive(byte[], int, String)}: slow PBKDF2-HMAC-SHA256, for fingerprints that travel
 *     with their salt (the lists other environments read at start-up). Whoever holds such a list
 *     can test guesses; the work factor makes each guess cost about
 *     {@value #DEFAULT_ITERATIONS} HMAC computations (≥ 10 ms on a current server core).</li>
 * </ul>
 *
 * <pre>{@code
 * String hash = Fingerprints.derive(salt, Fingerprints.DEFAULT_ITERATIONS, token.reveal());
 * }</pre>
 */
public final class Fingerprints {
    /** Hex characters shown to people; enough to tell values apart, too few to attack. */
    public static final int SHORT_LENGTH = 12;

    /**
     * PBKDF2 iterations of a new fingerprint list. Calibrated so that one derivation (one guess)
     * costs at least ~10 ms on one core, while a host's start-up check (one derivation per own
     * secret, run in parallel) stays under 100 ms; see docs/secrets.md for the measured figures.
     * Raised as cores get faster: lists written with an earlier default (40,000, then 50,000) carry
     * their own count and are still read.
     */
    public static final int DEFAULT_ITERATIONS = 60_000;

    /** Fewer iterations make guessing cheap: such lists are refused. */
    public static final int MIN_ITERATIONS = 20_000;

    /** More would let a planted list stall start-up: such lists are refused. */
    public static final int MAX_ITERATIONS = 400_000;

    private Fingerprints() {
    }

    /** The full fast fingerprint (64 hex characters), for machine comparison with a hidden salt. */
    public static String fingerprint(byte[] salt, String value) {
        return HexFormat.of().formatHex(hmac(salt.length == 0 ? new byte[1] : salt,
                value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first {@value #SHORT_LENGTH} hex characters of the fingerprint, for people. */
    public static String shortFingerprint(byte[] salt, String value) {
        return fingerprint(salt, value).substring(0, SHORT_LENGTH);
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 of {@code value} (256-bit output, hex): the slow fingerprint.
     *
     * @throws IllegalArgumentException when the iterations are outside
     *                                  [{@value #MIN_ITERATIONS}, {@value #MAX_ITERATIONS}] or the salt is shorter than 16 bytes
     */
    public static String derive(byte[] salt, int iterations, String value) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS);
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty value has no fingerprint");
        }
        if (salt.length < 16) {
            throw new IllegalArgumentException("the salt must be at least 16 bytes");
        }
        char[] password = value.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return HexFormat.of().formatHex(
                    SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(password, '\0');
        }
    }
}
