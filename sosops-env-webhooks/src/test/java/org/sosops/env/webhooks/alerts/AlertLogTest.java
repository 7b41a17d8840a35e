package org.sosops.env.webhooks.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the log says about alerts: the log sink's line, and an HTTP delivery that failed or was
 * refused (the test logger writes to standard output, see simplelogger.properties).
 */
class AlertLogTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
    private PrintStream original;
    private HttpServer server;

    @BeforeEach
    void capture() throws Exception {
        original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.add("ok");
        });
        server.createContext("/broken", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void restore() {
        System.setOut(original);
        server.stop(0);
    }

    private String log() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private String awaitLogLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!log().contains(fragment) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return log();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static WebhookAlert alert(String requestId, int suppressed) {
        return new WebhookAlert("prod", "/api/webhooks/twilio/status", "twilio", "signature-mismatch", requestId,
                Instant.parse("2026-12-01T10:00:00Z"), suppressed);
    }

    @Test
    void theLogSinkWritesOneErrorLineAndTheHeldBackCountOnlyWhenThereIsOne() {
        AlertSink sink = AlertSink.slf4j();

        sink.alert(alert("req-1", 0));
        sink.alert(alert("req-2", 3));

        assertThat(log()).contains("ERROR").contains("webhook alert [prod] twilio /api/webhooks/twilio/status refused or failed:"
                + " signature-mismatch (request req-1)\n").contains("(request req-2, 3 similar held back)");
    }

    @Test
    void theSilentSinkTakesAlertsAndSaysNothing() {
        AlertSink.none().alert(alert("req-1", 0));

        assertThat(log()).doesNotContain("req-1");
    }

    @Test
    void aRefusedDeliveryIsLoggedWithItsStatusAndAnAcceptedOneIsNot() throws Exception {
        AlertSink accepted = new HttpAlertSink(url("/ok"));
        accepted.alert(alert("req-ok", 0));
        assertThat(received.poll(20, TimeUnit.SECONDS)).as("the first alert reached the server").isNotNull();

        new HttpAlertSink(url("/broken")).alert(alert("req-refused", 0));

        assertThat(awaitLogLine("req-refused")).contains("webhook alert req-refused refused by 127.0.0.1 with status 500")
                .doesNotContain("req-ok");
    }

    @Test
    void anUnreachableTargetIsLoggedByHostAndErrorTypeOnly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        new HttpAlertSink(URI.create("http://127.0.0.1:" + closedPort + "/hook/s3cr3t")).alert(alert("req-lost", 0));

        assertThat(awaitLogLine("req-lost")).contains("webhook alert req-lost not delivered to 127.0.0.1: ")
                .doesNotContain("s3cr3t");
    }
}
