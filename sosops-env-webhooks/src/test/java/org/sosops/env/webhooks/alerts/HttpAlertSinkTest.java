package org.sosops.env.webhooks.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON an alert endpoint receives, on a local HTTP server. */
class HttpAlertSinkTest {
    private HttpServer server;
    private final BlockingQueue<String[]> received = new ArrayBlockingQueue<>(10);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook/secret-part", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"), body});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI target() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/secret-part");
    }

    @Test
    void postsEachAlertAsJsonWithAReadableText() throws Exception {
        new HttpAlertSink(target()).alert(new WebhookAlert("prod", "/api/webhooks/twilio/status", "twilio",
                "signature-mismatch", "req-1", Instant.parse("2026-12-01T10:00:00Z"), 4));

        String[] request = received.poll(20, TimeUnit.SECONDS);
        assertThat(request).as("an alert reached the server").isNotNull();
        assertThat(request[0]).isEqualTo("POST");
        assertThat(request[1]).isEqualTo("application/json");
        JsonNode json = new ObjectMapper().readTree(request[2]);
        assertThat(json.get("environment").asText()).isEqualTo("prod");
        assertThat(json.get("endpoint").asText()).isEqualTo("/api/webhooks/twilio/status");
        assertThat(json.get("provider").asText()).isEqualTo("twilio");
        assertThat(json.get("reason").asText()).isEqualTo("signature-mismatch");
        assertThat(json.get("request_id").asText()).isEqualTo("req-1");
        assertThat(json.get("at").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.get("suppressed").asInt()).isEqualTo(4);
        assertThat(json.get("text").asText()).isEqualTo(
                "[prod] twilio webhook /api/webhooks/twilio/status refused or failed: signature-mismatch (request req-1)");
    }

    @Test
    void itsDescriptionNamesTheHostButNotThePathThatHoldsTheSecret() {
        assertThat(new HttpAlertSink(target())).hasToString("HttpAlertSink[http://127.0.0.1]");
    }
}
