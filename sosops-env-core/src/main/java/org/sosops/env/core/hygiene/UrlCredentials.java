package org.sosops.env.core.hygiene;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.secret.Secret;

/**
 * A password inside a URL ({@code scheme://user:password@host/…}): a secret of its own, whatever
 * variable or file holds the URL.
 *
 * <pre>{@code
 * Optional<Secret> password = UrlCredentials.password("redis://default:s3cr3t@cache:6379");
 * }</pre>
 */
public final class UrlCredentials {
    private static final Pattern USER_INFO = Pattern.compile(
            "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,20}://([^\\s:@/'\"`<>()\\[\\]{}]*):([^\\s@/'\"`<>()\\[\\]{}]+)@");

    private UrlCredentials() {
    }

    /** The password of a URL value, when it carries one (PostgreSQL URLs also via {@code ?password=}). */
    public static Optional<Secret> password(String value) {
        String v = value.strip();
        Optional<DatabaseUrl> database = DatabaseUrl.parse(v);
        if (database.isPresent()) {
            return database.get().password().filter(p -> !p.isBlank());
        }
        Matcher matcher = USER_INFO.matcher(v);
        if (matcher.lookingAt()) {
            return Optional.of(Secret.of(decode(matcher.group(2))));
        }
        return Optional.empty();
    }

    /** True when {@code value} is a URL at all (then only its password can be a secret). */
    public static boolean isUrl(String value) {
        int scheme = value.indexOf("://");
        return scheme > 0 && value.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.:-]*");
    }

    /** Finds the first URL with a password in {@code text} between {@code from} and {@code to}. */
    public static Optional<Found> find(CharSequence text, int from, int to) {
        Matcher matcher = USER_INFO.matcher(text).region(from, to);
        while (matcher.find()) {
            String password = decode(matcher.group(2));
            if (!password.isBlank()) {
                return Optional.of(new Found(matcher.start(2), matcher.end(2), Secret.of(password)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** A password found in text: its position and the value, kept as a {@link Secret}. */
    public record Found(int start, int end, Secret password) {
    }
}
