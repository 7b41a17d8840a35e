package org.sosops.env.core.secret;

import java.util.Locale;
import java.util.Optional;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** Values up to this length take the table-driven path of {@link #isLowEntropy}. */
    private static final int MAX_COUNTED = 127;
    private static final double[] LOG2 = new double[MAX_COUNTED + 1];
    private static final double[] C_LOG2_C = new double[MAX_COUNTED + 1];

    static {
        for (int c = 1; c <= MAX_COUNTED; c++) {
            LOG2[c] = Math.log(c) / Math.log(2);
            C_LOG2_C[c] = c * LOG2[c];
        }
    }

    /** Whole values that are words, not secrets. */
    private static final List<String> PLACEHOLDER_WORDS = List.of("tbd", "secret", "password", "passw0rd", "token",
            "none", "null", "undefined", "test", "testing", "redacted", "...");
    /** Beginnings that mark a value as a stand-in: {@code your-key}, {@code changeme123}, {@code xxxx…}. */
    private static final List<String> PLACEHOLDER_PREFIXES = List.of("your-", "your_", "your ", "changeme",
            "change-me", "change_me", "change me", "replaceme", "replace-me", "replace_me", "replace me", "xxx",
            "example", "placeholder", "dummy", "fake", "sample", "todo");
    private static final List<String> PLACEHOLDER_SUFFIXES = List.of("-here", "_here", "example");

    private SecretStrength() {
    }

    /**
     * True for values that are obviously not real: {@code <…>}, {@code ${…}}, {@code {{…}}},
     * {@code your-…}, {@code …-here}, {@code changeme}, {@code xxxx…}, {@code ***}, {@code example…}.
     */
    public static boolean isPlaceholder(String value) {
        // Hand-written, case-insensitive and allocation-free: it runs for every secret on every validation.
        int start = 0;
        int end = value.length();
        while (start < end && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        int length = end - start;
        if (length == 0) {
            return true;
        }
        for (String word : PLACEHOLDER_WORDS) {
            if (word.length() == length && value.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        char first = value.charAt(start);
        char last = value.charAt(end - 1);
        if ((first == '<' && last == '>') || (length >= 3 && startsWith(value, start, end, "${") && last == '}')
                || (length >= 4 && startsWith(value, start, end, "{{") && endsWith(value, start, end, "}}"))
                || (length >= 3 && isAll(value, start, end, '*'))) {
            return true;
        }
        for (String prefix : PLACEHOLDER_PREFIXES) {
            if (startsWith(value, start, end, prefix)) {
                return true;
            }
        }
        for (String suffix : PLACEHOLDER_SUFFIXES) {
            if (endsWith(value, start, end, suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(String value, int start, int end, String prefix) {
        return end - start >= prefix.length() && value.regionMatches(true, start, prefix, 0, prefix.length());
    }

    private static boolean endsWith(String value, int start, int end, String suffix) {
        return end - start >= suffix.length()
                && value.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length());
    }

    private static boolean isAll(String value, int start, int end, char c) {
        for (int i = start; i < end; i++) {
            if (value.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** Shannon entropy of the characters of {@code value}, in bits per character. */
    public static double bitsPerChar(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        Map<Character, Integer> others = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (others == null) {
                    others = new HashMap<>();
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
        long low = 0;
        long high = 0;
        Set<Character> others = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 64) {
                low |= 1L << c;
            } else if (c < 128) {
                high |= 1L << (c - 64);
            } else {
                if (others == null) {
                    others = new HashSet<>();
                }
                others.add(c);
            }
        }
        return Long.bitCount(low) + Long.bitCount(high) + (others == null ? 0 : others.size());
    }

    public static boolean isLowEntropy(String value) {
        // One pass for the common case of ASCII values: counts give both measures at once.
        if (value.length() <= MAX_COUNTED && isAscii(value)) {
            byte[] counts = new byte[128];
            int distinct = 0;
            for (int i = 0; i < value.length(); i++) {
                if (counts[value.charAt(i)]++ == 0) {
                    distinct++;
                }
            }
            if (distinct < MIN_DISTINCT) {
                return true;
            }
            // H = log2(n) - (1/n) * sum(c * log2(c))
            double sum = 0;
            for (byte count : counts) {
                sum += C_LOG2_C[count];
            }
            int n = value.length();
            return LOG2[n] - sum / n < MIN_BITS_PER_CHAR;
        }
        return bitsPerChar(value) < MIN_BITS_PER_CHAR || distinctCharacters(value) < MIN_DISTINCT;
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
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
