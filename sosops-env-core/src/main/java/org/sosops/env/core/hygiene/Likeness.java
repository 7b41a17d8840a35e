package org.sosops.env.core.hygiene;

import java.util.List;
import java.util.Locale;
import org.sosops.env.core.secret.SecretStrength;

/**
 * Whether a value looks like a real secret or like a stand-in for one. The thresholds are
 * explained in {@code docs/secrets.md}.
 *
 * <ul>
 *   <li>A stand-in is empty, a {@link SecretStrength#isPlaceholder placeholder}, or contains a
 *       placeholder word ({@code your}, {@code example}, {@code changeme}, {@code xxxx}, {@code <…>},
 *       {@code ${…}}, …).</li>
 *   <li>A provider-shaped token (an {@code SG.} key, a 32-hex Twilio token) looks real unless it is a
 *       stand-in or has fewer than {@value #MIN_DISTINCT_IN_TOKEN} distinct characters.</li>
 *   <li>Any other value looks real when it has at least {@value #MIN_GENERIC_LENGTH} characters, no
 *       blanks, and enough entropy: {@value #MIN_HEX_BITS} bits per character for hex, otherwise
 *       {@value #MIN_TEXT_BITS} bits per character with digits and letters mixed.</li>
 * </ul>
 *
 * <pre>{@code
 * Likeness.isStandIn("SG.your-key-here");     // true
 * Likeness.looksRandom("c5ba9b6bd129c33bea8009603e6861ff"); // true
 * }</pre>
 */
public final class Likeness {
    public static final int MIN_DISTINCT_IN_TOKEN = 8;
    public static final int MIN_GENERIC_LENGTH = 16;
    public static final double MIN_HEX_BITS = 3.0;
    public static final double MIN_TEXT_BITS = 3.5;
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final java.util.Set<String> DEFAULT_PASSWORDS = java.util.Set.of(
            "postgres", "password", "passw0rd", "secret", "admin", "root", "guest", "test", "pass", "changeme",
            "redis", "mysql", "user", "default", "letmein", "qwerty", "12345678", "123456789", "postgresql");

    private static final List<String> STAND_IN_WORDS = List.of(
            "your", "example", "changeme", "change-me", "change_me", "replace", "placeholder", "dummy", "fake",
            "sample", "redacted", "xxxx", "****", "....", "<", ">", "${", "{{", "%(", "todo", "insert", "here",
            "0000000", "1234567", "abcdefgh");

    private Likeness() {
    }

    /** True for values that only stand in for a secret: empty, placeholders, templates. */
    public static boolean isStandIn(String value) {
        if (SecretStrength.isPlaceholder(value)) {
            return true;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String word : STAND_IN_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** For a token that already has a provider's shape: is it real rather than a template? */
    public static boolean looksRealToken(String token) {
        return !isStandIn(token) && SecretStrength.distinctCharacters(token) >= MIN_DISTINCT_IN_TOKEN;
    }

    /**
     * For a password inside a URL: real unless a stand-in, a well-known default
     * ({@code postgres}, {@code password}, {@code admin}, …) or shorter than
     * {@value #MIN_PASSWORD_LENGTH} characters.
     */
    public static boolean looksRealPassword(String password) {
        return password.length() >= MIN_PASSWORD_LENGTH && !isStandIn(password)
                && !DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))
                && SecretStrength.distinctCharacters(password) >= 5;
    }

    /** For a value of no known shape: is it long and random enough to be a generated secret? */
    public static boolean looksRandom(String value) {
        if (value.length() < MIN_GENERIC_LENGTH || isStandIn(value)) {
            return false;
        }
        boolean hex = true;
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (Character.isLetter(c)) {
                letter = true;
                if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                    hex = false;
                }
            } else if (c != '-') {
                hex = false;
            }
        }
        double bits = SecretStrength.bitsPerChar(value);
        if (hex) {
            return digit && letter && bits >= MIN_HEX_BITS;
        }
        return digit && letter && bits >= MIN_TEXT_BITS;
    }
}
