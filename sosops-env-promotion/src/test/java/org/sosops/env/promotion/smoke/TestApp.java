package org.sosops.env.promotion.smoke;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1 with scripted answers, standing in for the deployed application. */
final class TestApp implements AutoCloseable {
    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Integer, Answer>> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> posted = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    TestApp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code path} (path and query) with {@code answer.apply(callNumber)}. */
    TestApp route(String pathAndQuery, Function<Integer, Answer> answer) {
        routes.put(pathAndQuery, answer);
        return this;
    }

    TestApp healthy(String environment) {
        route("/api/health", n -> new Answer(200, "{\"status\":\"ok\",\"environment\":\"" + environment + "\"}"));
        route("/api/dashboard/feature-flags/resolved", n -> new Answer(200,
                "{\"organization_id\":null,\"environment\":\"" + environment + "\",\"flags\":{\"bulk_sms\":{\"value\":true,\"source\":\"env\"}}}"));
        route("/api/dashboard/feature-flags/resolved?organization_id=org_123", n -> new Answer(200,
                "{\"organization_id\":\"org_123\",\"environment\":\"" + environment + "\",\"flags\":{}}"));
        route("/api/health/ready", n -> new Answer(200, "{\"status\":\"ready\"}"));
        for (String path : List.of("/api/analytics", "/api/dashboard/home", "/api/dashboard/customer-success/health",
                "/api/dashboard/customer-success/renewal-value-report", "/api/dashboard/ops/diagnostics",
                "/api/dashboard/ops/incidents", "/api/dashboard/security/sessions",
                "/api/dashboard/support/impersonation/sessions")) {
            route(path, n -> new Answer(200, "{\"environment\":\"" + environment + "\"}"));
        }
        route("/api/status/incidents?organization_id=org_123", n -> new Answer(200, "{\"incidents\":[]}"));
        for (String path : List.of("/api/webhooks/twilio/inbound", "/api/webhooks/twilio/status", "/api/webhooks/email/events")) {
            route(path, n -> new Answer(405, "{\"error\":\"method_not_allowed\"}"));
        }
        return this;
    }

    /** A route that never answers until the test ends: for timeouts. */
    TestApp hang(String pathAndQuery) {
        route(pathAndQuery, n -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer(200, "{}");
        });
        return this;
    }

    int calls(String pathAndQuery) {
        return calls.getOrDefault(pathAndQuery, 0);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String key = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        int n = calls.merge(key, 1, Integer::sum);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(key + " " + (auth == null ? "-" : auth));
        if (exchange.getRequestMethod().equals("POST")) {
            posted.add(key + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        Function<Integer, Answer> route = routes.get(key);
        Answer answer = route == null ? new Answer(404, "{\"error\":\"not found\"}") : route.apply(n);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
