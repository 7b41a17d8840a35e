package org.sosops.env.core.recipients;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the ways people write a phone number or an e-mail address into one comparable form:
 * E.164 for numbers ({@code (555) 555-0100}, {@code +1 555 555 0100} and {@code +15555550100} are
 * the same), lower case for addresses. Thread-safe.
 *
 * <pre>{@code
 * RecipientNormalizer normalizer = RecipientNormalizer.forRegion("US");
 * normalizer.phone("(555) 555-0100");        // Optional[+15555550100]
 * normalizer.email(" Ada@Example.ORG ");      // Optional[ada@example.org]
 * }</pre>
 */
public final class RecipientNormalizer {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int E164_MIN_DIGITS = 7;
    private static final int E164_MAX_DIGITS = 15;
    private static final int LOCAL_PART_MAX = 64;
    private static final int ADDRESS_MAX = 254;

    private final String defaultRegion;

    private RecipientNormalizer(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /**
     * A normalizer reading numbers without a {@code +country} prefix as numbers of this region
     * (ISO 3166 code, e.g. {@code US}).
     */
    public static RecipientNormalizer forRegion(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion
                    + "': use an ISO 3166 code such as US, CA or GB");
        }
        return new RecipientNormalizer(region);
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The number in E.164 form, or empty when libphonenumber cannot read it as a possible number. */
    public Optional<String> phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = PHONES.parse(raw, defaultRegion);
            if (!PHONES.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The address trimmed and in lower case, or empty when it is not a plain {@code local@domain}
     * address. An address already in that form is returned as the same string, without copying.
     */
    public Optional<String> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = raw;
        if (needsFolding(address)) {
            address = address.strip().toLowerCase(Locale.ROOT);
        }
        return isPlainAddress(address) ? Optional.of(address) : Optional.empty();
    }

    /**
     * True when {@code value} is already written as E.164 ({@code +} and 7 to 15 digits, no
     * leading zero): the form the guard can look up without parsing.
     */
    public static boolean isStrictE164(String value) {
        int length = value.length();
        if (length < E164_MIN_DIGITS + 1 || length > E164_MAX_DIGITS + 1 || value.charAt(0) != '+'
                || value.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A form safe for logs and messages: a number keeps its country prefix and last two digits,
     * an address its first character and domain ({@code +1*******00}, {@code a***@example.org}).
     */
    public static String mask(String recipient) {
        if (recipient == null || recipient.isEmpty()) {
            return "(empty)";
        }
        int at = recipient.lastIndexOf('@');
        if (at > 0) {
            return recipient.charAt(0) + "***" + recipient.substring(at);
        }
        if (at == 0) {
            return recipient;
        }
        int keepStart = recipient.startsWith("+") ? 2 : 0;
        int keepEnd = 2;
        if (recipient.length() <= keepStart + keepEnd) {
            return "*".repeat(recipient.length());
        }
        return recipient.substring(0, keepStart) + "*".repeat(recipient.length() - keepStart - keepEnd)
                + recipient.substring(recipient.length() - keepEnd);
    }

    private static boolean needsFolding(String value) {
        int length = value.length();
        if (length == 0 || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(length - 1))) {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c > 127) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPlainAddress(String address) {
        int length = address.length();
        int at = address.indexOf('@');
        if (at <= 0 || at > LOCAL_PART_MAX || length > ADDRESS_MAX || at == length - 1
                || address.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            if (!isLocalPartChar(address.charAt(i))) {
                return false;
            }
        }
        if (address.charAt(0) == '.' || address.charAt(at - 1) == '.') {
            return false;
        }
        return isDomain(address, at + 1);
    }

    static boolean isDomain(String value, int start) {
        int length = value.length();
        boolean dot = false;
        char previous = '.';
        for (int i = start; i < length; i++) {
            char c = value.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (c == '.') {
                if (previous == '.' || previous == '-') {
                    return false;
                }
                dot = true;
            } else if (c == '-') {
                if (previous == '.') {
                    return false;
                }
            } else if (!letterOrDigit) {
                return false;
            }
            previous = c;
        }
        return dot && previous != '.' && previous != '-';
    }

    private static boolean isLocalPartChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return c == '.' || c == '_' || c == '-' || c == '+' || c == '!' || c == '#' || c == '$' || c == '%'
                || c == '&' || c == '\'' || c == '*' || c == '/' || c == '=' || c == '?' || c == '^'
                || c == '`' || c == '{' || c == '|' || c == '}' || c == '~';
    }
}
