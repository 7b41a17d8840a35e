package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application over real HTTP on 127.0.0.1: health, request ids and the error answers. */
class ReferenceAppHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;
    private static ReferenceApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestEnvironments.start(TestEnvironments.local(dataDir));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void healthAnswersOkWithTheEnvironmentName() throws Exception {
        HttpResponse<String> response = get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"environment\":\"local\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void everyAnswerCarriesARequestId() throws Exception {
        assertThat(get("/api/health").headers().firstValue("X-Request-Id")).isPresent();
        assertThat(get("/no/such/path").headers().firstValue("X-Request-Id")).isPresent();
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/api/health"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void eachRequestGetsItsOwnId() throws Exception {
        String first = get("/api/health").headers().firstValue("X-Request-Id").orElseThrow();
        String second = get("/api/health").headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aCallersPlainRequestIdIsKeptSoLogsCanBeJoined() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/health"))
                .header("X-Request-Id", "lb-7f3a.42"));

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.42");
    }

    @Test
    void aCallersRequestIdThatCouldForgeLogLinesIsReplaced() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/health"))
                .header("X-Request-Id", "abc\" level=error forged=\"yes"));

        assertThat(response.headers().firstValue("X-Request-Id")).get().asString()
                .doesNotContain("forged").matches("[0-9a-f-]{36}");
    }

    @Test
    void anUnknownPathIsA404InJsonWithTheRequestId() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body()).contains("\"error\":\"not_found\"").contains(id);
    }

    @Test
    void aRequestJettyCannotParseIsA400ThatStillCarriesARequestId() throws Exception {
        String raw;
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBroken header line\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            raw = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).containsIgnoringCase("X-Request-Id: ");
    }

    @Test
    void theBaseUriPointsAtTheBoundLoopbackPort() {
        assertThat(app.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + app.port()));
        assertThat(app.port()).isPositive();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return app.baseUri().resolve(path);
    }
}
