package org.sosops.env.core.secret;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises placeholder and low-entropy secret values.
 *
 * <p>Thresholds: a value is low-entropy when its Shannon entropy is below
 * {@value #MIN_BITS_PER_CHAR} bits per character or it has fewer than {@value #MIN_DISTINCT}
 * distinct characters. Random hex (4 bits/char) and base64 (about 5–6 bits/char) of 32 or more
 * characters clear both easily; repeated or keyboard-walk strings such as {@code aaaa…} or
 * {@code 1212…} do not.
 */
public final class SecretStrength {
    public static final double MIN_BITS_PER_CHAR = 3.0;
    public static final int MIN_DISTINCT = 8;

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "^(?:<.*>|\\$\\{.*}|\\{\\{.*}}|your[-_ ].*|.*[-_]here|change[-_ ]?me.*|replace[-_ ]?me.*"
                    + "|x{3,}.*|\\*{3,}|example.*|.*example|placeholder.*|dummy.*|fake.*|sample.*|todo.*|tbd"
                    + "|secret|password|passw0rd|token|none|null|undefined|test|testing|redacted|\\.\\.\\.)$");

    private SecretStrength() {
    }

    /** True for values that are obviously not real: {@code <…>}, {@code your-…}, {@code changeme}, {@code xxxx…}. */
    public static boolean isPlaceholder(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.isEmpty() || PLACEHOLDER.matcher(v).matches();
    }

    /** Shannon entropy of the characters of {@code value}, in bits per character. */
    public static double bitsPerChar(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        java.util.Map<Character, Integer> others = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (others == null) {
                    others = new java.util.HashMap<>();
                }
                others.merge(c, 1, Integer::sum);
            }
        }
        double bits = 0;
        double length = value.length();
        for (int count : counts) {
            bits += term(count, length);
        }
        if (others != null) {
            for (int count : others.values()) {
                bits += term(count, length);
            }
        }
        return bits;
    }

    public static long distinctCharacters(String value) {
        return value.chars().distinct().count();
    }

    public static boolean isLowEntropy(String value) {
        return bitsPerChar(value) < MIN_BITS_PER_CHAR || distinctCharacters(value) < MIN_DISTINCT;
    }

    /** Why a secret is weak, or empty when it is acceptable; never mentions the value itself. */
    public static Optional<String> weakness(String value, int minimumLength) {
        if (isPlaceholder(value)) {
            return Optional.of("is a placeholder, not a real secret");
        }
        if (value.length() < minimumLength) {
            return Optional.of("is " + value.length() + " characters long; at least " + minimumLength + " are required");
        }
        if (isLowEntropy(value)) {
            return Optional.of("has too little randomness (repeated or patterned characters)");
        }
        return Optional.empty();
    }

    private static double term(int count, double length) {
        if (count == 0) {
            return 0;
        }
        double p = count / length;
        return -p * (Math.log(p) / Math.log(2));
    }
}
