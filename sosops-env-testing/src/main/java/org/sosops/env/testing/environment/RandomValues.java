package org.sosops.env.testing.environment;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.sosops.env.core.secret.SecretStrength;

/** Fresh random values in the shapes the canonical variables require. */
final class RandomValues {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_SAFE = ALPHANUMERIC + "_-";

    private RandomValues() {
    }

    static String hex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }

    /** Random hex that also clears the secret-strength checks (a run of repeats is astronomically rare, but checked). */
    static String strongHex(int length) {
        String value;
        do {
            value = hex(length);
        } while (SecretStrength.weakness(value, length).isPresent());
        return value;
    }

    static String strongAlphanumeric(int length) {
        return strong(ALPHANUMERIC, length);
    }

    static String urlSafe(int length) {
        return strong(URL_SAFE, length);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String strong(String alphabet, int length) {
        String value;
        do {
            StringBuilder builder = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                builder.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            value = builder.toString();
        } while (SecretStrength.weakness(value, length).isPresent());
        return value;
    }
}
