package org.sosops.env.core.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.sosops.env.core.secret.Secret;

/**
 * A parsed PostgreSQL connection URL ({@code postgres://}, {@code postgresql://} or
 * {@code jdbc:postgresql://}). The password stays a {@link Secret}.
 *
 * <pre>{@code
 * DatabaseUrl url = DatabaseUrl.parse(System.getenv("DATABASE_URL")).orElseThrow();
 * String jdbc = url.jdbcUrl();
 * }</pre>
 */
public record DatabaseUrl(String host, int port, String database, Optional<String> user,
                          Optional<Secret> password, String query) {

    public static final int DEFAULT_PORT = 5432;

    /** Parses a URL; empty when it is not a PostgreSQL URL with a database name. */
    public static Optional<DatabaseUrl> parse(String value) {
        return parseOrExplain(value).url();
    }

    /** Why {@code value} is not a usable PostgreSQL URL, without quoting it; empty when it is. */
    public static Optional<String> problem(String value) {
        return parseOrExplain(value).problem();
    }

    public boolean isLocalHost() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.isEmpty() || h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.")
                || h.equals("::1") || h.equals("[::1]") || h.equals("0.0.0.0") || h.equals("host.docker.internal");
    }

    /**
     * The JDBC form, without credentials (pass those as connection properties): {@code user} and
     * {@code password} query parameters are left out too, since JDBC URLs end up in driver
     * messages, pool names and logs.
     */
    public String jdbcUrl() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String rest = withoutCredentials(query);
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database + (rest.isEmpty() ? "" : "?" + rest);
    }

    private static String withoutCredentials(String query) {
        if (query.isEmpty()) {
            return query;
        }
        StringBuilder kept = new StringBuilder();
        for (String param : query.split("&")) {
            int eq = param.indexOf('=');
            String name = eq >= 0 ? param.substring(0, eq) : param;
            if (!name.equals("password") && !name.equals("user") && !param.isEmpty()) {
                kept.append(kept.length() == 0 ? "" : "&").append(param);
            }
        }
        return kept.toString();
    }

    /** Host and database, the identity of a database across environments. */
    public String identity() {
        return host.toLowerCase(Locale.ROOT) + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + user.map(u -> u + "@").orElse("") + host + ":" + port + "/" + database + "]";
    }

    static Result parseOrExplain(String value) {
        if (value == null || value.isBlank()) {
            return Result.problem("is empty");
        }
        String v = value.trim();
        String rest;
        if (v.startsWith("jdbc:postgresql://")) {
            rest = v.substring("jdbc:postgresql://".length());
        } else if (v.startsWith("postgresql://")) {
            rest = v.substring("postgresql://".length());
        } else if (v.startsWith("postgres://")) {
            rest = v.substring("postgres://".length());
        } else {
            return Result.problem("must start with postgres://, postgresql:// or jdbc:postgresql://");
        }
        Optional<UrlParts> parsed = UrlParts.parse("postgresql://" + rest);
        if (parsed.isEmpty()) {
            return Result.problem("is not a valid URL (check for blanks, unescaped special characters "
                    + "in the password, or a non-numeric port)");
        }
        UrlParts uri = parsed.get();
        String path = uri.path();
        String database = path.startsWith("/") ? decode(path.substring(1)) : decode(path);
        if (database.isEmpty() || database.contains("/")) {
            return Result.problem("has no database name (expected …/sos_ops_<env>)");
        }
        String host = uri.host();
        if (host.isEmpty() && uri.port() > 0) {
            return Result.problem("has a port but no host");
        }
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        String userInfo = uri.userInfo().orElse("");
        if (!userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            // An empty user name is no user name: the driver's default applies (found by fuzzing).
            user = Optional.of(decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo)).filter(u -> !u.isEmpty());
            if (colon >= 0) {
                password = Optional.of(Secret.of(decode(userInfo.substring(colon + 1))));
            }
        }
        String query = uri.query();
        for (String param : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = param.indexOf('=');
            String name = eq >= 0 ? param.substring(0, eq) : param;
            if (name.equals("password") && eq >= 0) {
                password = Optional.of(Secret.of(decode(param.substring(eq + 1))));
            } else if (name.equals("user") && eq >= 0 && user.isEmpty()) {
                user = Optional.of(decode(param.substring(eq + 1))).filter(u -> !u.isEmpty());
            }
        }
        int port = uri.port() > 0 ? uri.port() : DEFAULT_PORT;
        return Result.ok(new DatabaseUrl(host, port, database, user, password, query));
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    record Result(Optional<DatabaseUrl> url, Optional<String> problem) {
        static Result ok(DatabaseUrl url) {
            return new Result(Optional.of(url), Optional.empty());
        }

        static Result problem(String message) {
            return new Result(Optional.empty(), Optional.of(message));
        }
    }
}
