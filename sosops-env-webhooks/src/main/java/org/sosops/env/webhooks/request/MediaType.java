package org.sosops.env.webhooks.request;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code Content-Type} value parsed strictly by the HTTP grammar: {@code type "/" subtype} then
 * {@code ; name=value} parameters (token or quoted string), optional whitespace around the
 * semicolons and nothing else. Anything that does not parse — {@code application/x-www-form-urlencoded x},
 * a missing subtype, a stray comma — is not a media type at all, so no reader can see a form where
 * another sees something else.
 *
 * <pre>{@code
 * MediaType.parse("Application/X-WWW-Form-Urlencoded; charset=utf-8").get().is(MediaType.FORM);   // true
 * MediaType.parse("application/x-www-form-urlencoded x");                                      // empty
 * }</pre>
 *
 * @param type       lower case, e.g. {@code application}
 * @param subtype    lower case, e.g. {@code x-www-form-urlencoded}
 * @param parameters names in lower case, values as sent (quotes removed)
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {
    /** The form encoding of HTML and of Twilio's callbacks. */
    public static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_LENGTH = 1024;

    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** The media type, or empty when the text is not exactly one well-formed media type. */
    public static Optional<MediaType> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Cursor c = new Cursor(text);
        c.skipWhitespace();
        String type = c.token();
        if (type.isEmpty() || !c.take('/')) {
            return Optional.empty();
        }
        String subtype = c.token();
        if (subtype.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            c.skipWhitespace();
            if (c.atEnd()) {
                break;
            }
            if (!c.take(';')) {
                return Optional.empty();
            }
            c.skipWhitespace();
            if (c.atEnd() || c.peek() == ';') {
                continue;   // empty parameters are allowed by the grammar
            }
            String name = c.token();
            if (name.isEmpty() || !c.take('=')) {
                return Optional.empty();
            }
            Optional<String> value = c.peek() == '"' ? c.quoted() : Optional.of(c.token()).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), value.get());
        }
        return Optional.of(new MediaType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT), parameters));
    }

    /** Whether this is {@code typeAndSubtype} (lower case, e.g. {@link #FORM}), whatever the parameters. */
    public boolean is(String typeAndSubtype) {
        int slash = type.length();
        return typeAndSubtype.length() == slash + 1 + subtype.length()
                && typeAndSubtype.startsWith(type) && typeAndSubtype.charAt(slash) == '/'
                && typeAndSubtype.endsWith(subtype);
    }

    /** {@code type/subtype}, without parameters. */
    public String essence() {
        return type + "/" + subtype;
    }

    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(at);
        }

        boolean take(char expected) {
            if (peek() == expected && !atEnd()) {
                at++;
                return true;
            }
            return false;
        }

        void skipWhitespace() {
            while (!atEnd() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        String token() {
            int start = at;
            while (!atEnd() && isTokenChar(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        Optional<String> quoted() {
            StringBuilder value = new StringBuilder();
            at++;
            while (!atEnd()) {
                char ch = text.charAt(at++);
                if (ch == '"') {
                    return Optional.of(value.toString());
                }
                if (ch == '\\') {
                    if (atEnd()) {
                        return Optional.empty();
                    }
                    ch = text.charAt(at++);
                }
                if (ch < 0x20 && ch != '\t' || ch == 0x7F || ch > 0xFF) {
                    return Optional.empty();
                }
                value.append(ch);
            }
            return Optional.empty();
        }

        private static boolean isTokenChar(char ch) {
            return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
        }
    }
}
