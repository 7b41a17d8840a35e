package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzzes {@code DATABASE_URL} parsing and the URL splitter beneath it: they never throw; a
 * problem never quotes the password; a parsed URL shows no password in {@code toString()} or its
 * JDBC form, and re-assembled from its parts parses to the same database. Seeds in
 * {@code DatabaseUrlFuzzTestInputs/*}; see docs/fuzzing.md.
 */
class DatabaseUrlFuzzTest {
    static final String PLANTED = "Pl4ntedDbPassw0rdZ7";

    @FuzzTest(maxDuration = "")
    void databaseUrl(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        check(text);
        // The same text as the rest of a URL whose password is known: it must never be echoed.
        String withPassword = "postgresql://app:" + PLANTED + "@" + text;
        Optional<DatabaseUrl> parsed = check(withPassword);
        DatabaseUrl.problem(withPassword).ifPresent(p -> assertThat(p).doesNotContain(PLANTED));
        parsed.ifPresent(url -> {
            assertThat(url.toString()).doesNotContain(PLANTED);
            assertThat(url.jdbcUrl()).doesNotContain(PLANTED);
        });
        // And as a query parameter, which JDBC drivers also accept.
        String inQuery = "postgresql://db.example.org/sos_ops_dev?" + text + "&password=" + PLANTED;
        check(inQuery).ifPresent(url -> {
            assertThat(url.toString()).doesNotContain(PLANTED);
            assertThat(url.jdbcUrl()).doesNotContain(PLANTED);
        });
        DatabaseUrl.problem(inQuery).ifPresent(p -> assertThat(p).doesNotContain(PLANTED));
    }

    @FuzzTest(maxDuration = "")
    void urlParts(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Optional<UrlParts> parts = UrlParts.parse(text);
        parts.ifPresent(p -> {
            assertThat(p.port()).isBetween(-1, 65535).isNotZero();
            // Every part is a piece of the input.
            assertThat(text).contains(p.host()).contains(p.path()).contains(p.query());
            p.userInfo().ifPresent(u -> assertThat(text).contains(u));
        });
        Optional<UrlParts> prefixed = UrlParts.parse("https://" + text);
        prefixed.ifPresent(p -> assertThat(p.scheme()).isEqualTo("https"));
    }

    private static Optional<DatabaseUrl> check(String text) {
        Optional<DatabaseUrl> url = DatabaseUrl.parse(text);
        Optional<String> problem = DatabaseUrl.problem(text);
        assertThat(url.isPresent()).isNotEqualTo(problem.isPresent());
        url.ifPresent(DatabaseUrlFuzzTest::roundTrips);
        return url;
    }

    private static void roundTrips(DatabaseUrl url) {
        StringBuilder again = new StringBuilder("postgresql://");
        if (url.user().isPresent()) {
            again.append(encode(url.user().get()));
            url.password().ifPresent(p -> again.append(':').append(encode(p.reveal())));
            again.append('@');
        }
        String host = url.host();
        // No host (a local socket) takes no port: "has a port but no host" is refused (found by fuzzing).
        again.append(host).append(host.isEmpty() ? "" : ":" + url.port()).append('/').append(encode(url.database()));
        if (url.user().isEmpty() && url.password().isPresent()) {
            // A password given only as a query parameter (found by fuzzing): it travels the same way.
            again.append("?password=").append(encode(url.password().get().reveal()));
        }
        Optional<DatabaseUrl> reparsed = DatabaseUrl.parse(again.toString());
        assertThat(reparsed).as("re-assembled %s", url).isPresent();
        assertThat(reparsed.get().identity()).isEqualTo(url.identity());
        assertThat(reparsed.get().user()).isEqualTo(url.user());
        assertThat(reparsed.get().password().map(p -> p.reveal())).isEqualTo(url.password().map(p -> p.reveal()));
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
