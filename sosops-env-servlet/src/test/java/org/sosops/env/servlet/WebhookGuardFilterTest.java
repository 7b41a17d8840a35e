package org.sosops.env.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;
import org.sosops.env.testing.time.MutableClock;
import org.sosops.env.testing.webhooks.InMemoryFailureStore;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;
import org.sosops.env.webhooks.ratelimit.RateLimitSpec;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

/** The filter inside a real Jetty 12 (Servlet 6.0) container, in front of a host servlet. */
class WebhookGuardFilterTest {
    private static final Secret TOKEN = Secret.of("5f0e1d2c3b4a59687766554433221100");
    private static final String APP_URL = "https://ops.example.org";
    private static final int CAP = 4096;

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final InMemoryFailureStore failures = new InMemoryFailureStore();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TwilioSigner twilio = TwilioSigner.withAuthToken(TOKEN);
    private Server server;
    private URI base;
    private volatile int hostStatus = 200;

    /** The host's own servlet: reads the body twice, the parameters and the request id. */
    private final class StatusCallbacks extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String raw = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // A container's own request cannot be read twice; only the guarded one replays its body.
            boolean guarded = request.getAttribute(WebhookGuardFilter.REQUEST_ID_ATTRIBUTE) != null;
            String again = guarded ? request.getReader().readLine() : "-";
            handled.add(raw + "|" + again + "|" + request.getParameter("MessageStatus") + "|"
                    + request.getAttribute(WebhookGuardFilter.REQUEST_ID_ATTRIBUTE));
            response.setStatus(hostStatus);
            response.setContentType("text/plain");
            response.getWriter().write("recorded");
        }
    }

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-01T00:00:00Z"));
        WebhookGuard guard = WebhookGuard.builder().environment("staging").strict(true).clock(clock)
                .endpoint(WebhookGuards.TWILIO_STATUS, TwilioSignatureVerifier.withAuthToken(TOKEN, URI.create(APP_URL)))
                .rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("4/1m"), clock))
                .failureStore(failures).maxBodyBytes(CAP).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new StatusCallbacks()), WebhookGuards.TWILIO_STATUS);
        context.addServlet(new ServletHolder(new StatusCallbacks()), "/api/other");
        WebhookGuardFilter filter = new WebhookGuardFilter(guard);
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private SignedWebhook signed(String sid, String status) {
        return twilio.signForm(APP_URL + WebhookGuards.TWILIO_STATUS,
                List.of(Map.entry("MessageSid", sid), Map.entry("MessageStatus", status)));
    }

    private HttpResponse<String> post(SignedWebhook webhook, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(WebhookGuards.TWILIO_STATUS))
                .header("Content-Type", webhook.contentType()).POST(body);
        webhook.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(SignedWebhook webhook) throws Exception {
        return post(webhook, HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    }

    @Test
    void aSignedCallbackReachesTheHostServletWithItsBodyStillReadable() throws Exception {
        SignedWebhook webhook = signed("SM1", "delivered");
        HttpResponse<String> answer = post(webhook);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("recorded");
        String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(handled).containsExactly(webhook.bodyText() + "|" + webhook.bodyText() + "|delivered|" + requestId);
    }

    @Test
    void aChunkedSignedCallbackIsReadWholeAndVerified() throws Exception {
        SignedWebhook webhook = signed("SM2", "sent");
        HttpResponse<String> answer = post(webhook,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(webhook.body())));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aForgedCallbackIsRefused403BeforeTheHost() throws Exception {
        SignedWebhook genuine = signed("SM3", "delivered");
        SignedWebhook forged = new SignedWebhook(genuine.url(), genuine.contentType(), genuine.headers(),
                "MessageSid=SM3&MessageStatus=failed".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = post(forged);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("signature-mismatch");
        assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(handled).isEmpty();
        assertThat(failures.list(10)).hasSize(1);
    }

    @Test
    void aRepeatedDeliveryIsAcknowledgedWithoutReachingTheHostAgain() throws Exception {
        SignedWebhook webhook = signed("SM4", "delivered");
        assertThat(post(webhook).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(webhook);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("duplicate");
        assertThat(handled).hasSize(1);
    }

    @Test
    void aDeclaredOversizeBodyIs413WithoutBeingReadAndTheHostIsNeverCalled() throws Exception {
        SignedWebhook webhook = signed("SM5", "delivered");
        // Declares 10 MiB and sends 16 bytes: a filter that read before refusing would wait forever.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + WebhookGuards.TWILIO_STATUS + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Twilio-Signature: " + webhook.header("X-Twilio-Signature") + "\r\n"
                    + "Content-Length: " + (10 << 20) + "\r\n\r\nMessageSid=SM5&M").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(200), StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("X-Request-Id:");
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheCapIsCutAndRefused413() throws Exception {
        SignedWebhook webhook = signed("SM6", "delivered");
        byte[] big = new byte[CAP * 4];
        java.util.Arrays.fill(big, (byte) 'a');
        System.arraycopy(webhook.body(), 0, big, 0, webhook.body().length);
        HttpResponse<String> answer = post(webhook, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(handled).isEmpty();
    }

    @Test
    void aBodyExactlyAtTheCapIsStillVerified() throws Exception {
        byte[] exact = new byte[CAP];
        java.util.Arrays.fill(exact, (byte) 'x');
        assertThat(WebhookGuardFilter.readCapped(new ByteArrayInputStream(exact), CAP)).hasSize(CAP);
        assertThat(WebhookGuardFilter.readCapped(new ByteArrayInputStream(new byte[CAP + 1]), CAP)).isNull();
        assertThat(WebhookGuardFilter.readCapped(new ByteArrayInputStream(new byte[0]), CAP)).isEmpty();
    }

    @Test
    void aFloodingSourceIsAnswered429WithRetryAfterBeforeTheHost() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(post(signed("SM7" + i, "sent")).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> answer = post(signed("SM79", "sent"));
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(handled).hasSize(4);
    }

    @Test
    void aHostThatAnswers5xxMakesTheDeliveryAFailureSoTheRetryIsHandledAgain() throws Exception {
        hostStatus = 503;
        SignedWebhook webhook = signed("SM8", "delivered");
        HttpResponse<String> failed = post(webhook);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(failures.list(10)).hasSize(1);
        hostStatus = 200;
        assertThat(post(webhook).body()).isEqualTo("recorded");
        assertThat(handled).hasSize(2);
    }

    @Test
    void otherPathsPassThroughUntouched() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/other"))
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).header("Content-Type", "application/x-www-form-urlencoded")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Request-Id")).isEmpty();
        assertThat(handled).containsExactly("a=b|-|null|null");
    }

    @Test
    void anInboundRequestIdIsHonouredAndAHostileOneReplaced() throws Exception {
        SignedWebhook webhook = signed("SM9", "delivered");
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(WebhookGuards.TWILIO_STATUS))
                .header("Content-Type", webhook.contentType()).header("X-Request-Id", "lb-1234")
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("X-Request-Id")).contains("lb-1234");
        assertThat(WebhookGuardFilter.source("not-an-address.example")).isEmpty();
        assertThat(WebhookGuardFilter.source("[::1]")).isPresent();
        assertThat(WebhookGuardFilter.source("192.0.2.1")).isPresent();
    }

}
