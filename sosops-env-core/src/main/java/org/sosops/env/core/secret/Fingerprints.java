package org.sosops.env.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salted one-way fingerprints of secret values: HMAC-SHA256 keyed by the salt, so a fingerprint
 * cannot be reversed or checked against a guess without the salt.
 */
public final class Fingerprints {
    /** Hex characters shown to people; enough to tell values apart, too few to attack. */
    public static final int SHORT_LENGTH = 12;

    private Fingerprints() {
    }

    /** The full fingerprint (64 hex characters), for machine comparison. */
    public static String fingerprint(byte[] salt, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[1] : salt, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** The first {@value #SHORT_LENGTH} hex characters of the fingerprint, for people. */
    public static String shortFingerprint(byte[] salt, String value) {
        return fingerprint(salt, value).substring(0, SHORT_LENGTH);
    }
}
