package org.sosops.env.core.hygiene.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.hygiene.Likeness;
import org.sosops.env.core.hygiene.ProviderPattern;
import org.sosops.env.core.hygiene.UrlCredentials;

/** The per-line detectors of {@link SourceScanner}, run only on lines a literal anchor selected. */
final class LiteralDetectors {
    /** Shortest literal reported as a secret assigned to a secret name; shorter ones are flags or ids. */
    static final int MIN_ASSIGNED_LENGTH = 8;

    private static final String QUOTED_VALUE =
            "(?:\"(?<dq>(?:[^\"\\\\\\r\\n]|\\\\.)*)\"|'(?<sq>(?:[^'\\\\\\r\\n]|\\\\.)*)'|`(?<bq>[^`\\r\\n]*)`)";
    /** {@code key = "v"}, {@code key: 'v'}, {@code "key": "v"}, {@code val key: String = "v"}, {@code key := "v"}. */
    private static final Pattern QUOTED_ASSIGNMENT = Pattern.compile(
            "(?<![\\w$.\\-])[\"']?(?<key>[A-Za-z_$][\\w$.\\-]*)[\"']?\\s*(?::\\s*[A-Za-z_][\\w<>?\\[\\]]*\\s*)?"
                    + "(?:=>|:=|\\?\\?=|\\|\\|=|=|:)\\s*" + QUOTED_VALUE);
    /** {@code put("KEY", "v")}, {@code getOrDefault("KEY", "v")}, {@code Map.of("KEY", "v")}. */
    private static final Pattern QUOTED_PAIR = Pattern.compile(
            "[\"'](?<key>[A-Za-z_][\\w.\\-]*)[\"']\\s*,\\s*" + QUOTED_VALUE);
    /** {@code key=v} in .properties and .env, {@code key: v} in YAML. */
    private static final Pattern UNQUOTED_ASSIGNMENT = Pattern.compile(
            "^\\s*(?:export\\s+)?(?<key>[A-Za-z_][\\w.\\-]*)\\s*[:=]\\s*(?<uq>[^\\s\"'`#|>&*!{\\[][^\\r\\n]*)$");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]+");
    private static final Pattern PROPERTY_PATH = Pattern.compile("[a-z][a-z0-9]*(?:\\.[a-z][a-z0-9-]*)+");
    private static final List<String> REFERENCE_PREFIXES = List.of(
            "$", "%", "@", "#{", "env:", "process.env", "classpath:", "file:", "/", "./", "~/", "vault:",
            "secret:", "arn:", "projects/", "http://", "https://");
    private static final List<Canonical> CANONICAL = canonicalSecrets();

    private LiteralDetectors() {
    }

    static void detect(String text, int start, int end, boolean configFile, List<SourceSecret.Hit> hits) {
        for (ProviderPattern pattern : ProviderPattern.values()) {
            if (contains(text, pattern.anchor(), start, end)) {
                providerHits(pattern, text, start, end, hits);
            }
        }
        if (contains(text, "://", start, end)) {
            int from = start;
            while (from < end) {
                Optional<UrlCredentials.Found> found = UrlCredentials.find(text, from, end);
                if (found.isEmpty()) {
                    break;
                }
                String password = found.get().password().reveal();
                if (Likeness.looksRealPassword(password)) {
                    hits.add(new SourceSecret.Hit("url-password", "password in a URL", Optional.empty(), password));
                }
                from = found.get().end();
            }
        }
        assignments(QUOTED_ASSIGNMENT, text, start, end, hits);
        assignments(QUOTED_PAIR, text, start, end, hits);
        if (configFile) {
            assignments(UNQUOTED_ASSIGNMENT, text, start, end, hits);
        }
    }

    private static void providerHits(ProviderPattern pattern, String text, int start, int end,
                                     List<SourceSecret.Hit> hits) {
        int from = start;
        while (from < end) {
            Optional<ProviderPattern.Match> match = pattern.find(text, from, end);
            if (match.isEmpty()) {
                return;
            }
            String value = text.substring(match.get().start(), match.get().end());
            if (pattern == ProviderPattern.PRIVATE_KEY) {
                // The header alone is the same in every file; the body that follows tells keys apart.
                int bodyEnd = Math.min(text.length(), match.get().end() + 200);
                value = text.substring(match.get().start(), bodyEnd);
            }
            hits.add(new SourceSecret.Hit(pattern.id(), pattern.description(), Optional.empty(), value));
            from = match.get().end();
        }
    }

    private static void assignments(Pattern pattern, String text, int start, int end, List<SourceSecret.Hit> hits) {
        Matcher m = pattern.matcher(text).region(start, end);
        while (m.find()) {
            Optional<String> variable = canonicalFor(m.group("key"));
            if (variable.isEmpty()) {
                continue;
            }
            String value = literal(m);
            if (isSecretLiteral(value)) {
                hits.add(new SourceSecret.Hit("assigned-literal", variable.get() + " assigned a string literal",
                        variable, value));
            }
        }
    }

    private static String literal(Matcher m) {
        for (String group : List.of("dq", "sq", "bq", "uq")) {
            try {
                String value = m.group(group);
                if (value != null) {
                    return group.equals("uq") ? stripTrailingComment(value) : value;
                }
            } catch (IllegalArgumentException noSuchGroup) {
                // this pattern has no such group
            }
        }
        return "";
    }

    private static String stripTrailingComment(String value) {
        int comment = value.indexOf(" #");
        return (comment >= 0 ? value.substring(0, comment) : value).strip();
    }

    /** A literal worth reporting: not empty, short, blank-containing, a placeholder, a name or a reference. */
    static boolean isSecretLiteral(String value) {
        if (value.length() < MIN_ASSIGNED_LENGTH || Likeness.isStandIn(value)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return false;   // prose, such as a message that names the variable
            }
        }
        if (ENV_NAME.matcher(value).matches() || PROPERTY_PATH.matcher(value).matches()
                || canonicalFor(value).filter(name -> normalize(value).equals(normalize(name))).isPresent()) {
            return false;
        }
        for (String prefix : REFERENCE_PREFIXES) {
            if (value.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical secret variable a key names ({@code authSecret} → {@code AUTH_SECRET}). */
    static Optional<String> canonicalFor(String key) {
        String normalized = normalize(key);
        for (Canonical canonical : CANONICAL) {
            if (normalized.endsWith(canonical.normalized)) {
                return Optional.of(canonical.name);
            }
        }
        return Optional.empty();
    }

    private static String normalize(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString();
    }

    private static boolean contains(String text, String literal, int start, int end) {
        int at = text.indexOf(literal, start);
        return at >= 0 && at + literal.length() <= end;
    }

    /** Longest names first, so TWILIO_WEBHOOK_SIGNING_SECRET wins over a shorter suffix. */
    private static List<Canonical> canonicalSecrets() {
        List<Canonical> list = new ArrayList<>();
        for (CatalogVariable v : Catalog.defaults().variables()) {
            // A database URL without a password is no secret; its password is found as a URL credential.
            if (v.secret() && !v.name().equals("DATABASE_URL")) {
                list.add(new Canonical(v.name(), normalize(v.name())));
            }
        }
        list.sort(Comparator.comparingInt((Canonical c) -> c.normalized.length()).reversed());
        return List.copyOf(list);
    }

    private record Canonical(String name, String normalized) {
    }

}
