package org.sosops.env.referenceapp.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Dispatches by exact method and path, and gives every answer an {@code X-Request-Id}: routed,
 * unknown path ({@code 404}), wrong method ({@code 405}) or failed ({@code 500}).
 *
 * <pre>{@code
 * Router router = new Router().get("/api/health", health).post("/api/messages", messages);
 * }</pre>
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** The default cap on request bodies: the webhook guard's own. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();
    private final int maxBodyBytes;

    public Router() {
        this(DEFAULT_MAX_BODY_BYTES);
    }

    /** A router that refuses ({@code 413}) bodies over {@code maxBodyBytes}, before reading them. */
    public Router(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public Router get(String path, Endpoint endpoint) {
        return route("GET", path, endpoint);
    }

    public Router post(String path, Endpoint endpoint) {
        return route("POST", path, endpoint);
    }

    public Router route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new TreeMap<>()).put(method, endpoint);
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestIds.adoptOrCreate(Optional.ofNullable(request.getHeaders().get(RequestIds.HEADER)));
        request.setAttribute(RequestIds.HEADER, requestId);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        Exchange exchange = new Exchange(request, response, callback, requestId);
        if (!carriesBody(exchange)) {
            run(exchange, callback);
            return true;
        }
        // The body is read asynchronously: a slow client holds no worker thread while it dawdles.
        BodyReader.read(request, maxBodyBytes, body -> {
            exchange.body(body);
            run(exchange, callback);
        }, () -> {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            exchange.error(413, "payload_too_large", "the request body exceeds " + maxBodyBytes + " bytes");
        }, callback::failed);
        return true;
    }

    /** Routed requests whose method carries a body; unknown paths and methods are answered unread. */
    private boolean carriesBody(Exchange exchange) {
        Map<String, Endpoint> byMethod = routes.get(exchange.path());
        String method = exchange.method();
        return byMethod != null && byMethod.containsKey(method) && !method.equals("GET") && !method.equals("HEAD");
    }

    private void run(Exchange exchange, Callback callback) {
        MDC.put("request_id", exchange.requestId());
        try {
            dispatch(exchange);
        } catch (Exception | LinkageError e) {
            LOG.error("request {} {} {} failed", exchange.requestId(), exchange.method(), exchange.path(), e);
            if (!exchange.answered()) {
                exchange.error(500, "internal_error", "the request failed; quote request id " + exchange.requestId());
            } else {
                callback.failed(e);
            }
        } finally {
            MDC.remove("request_id");
        }
    }

    private void dispatch(Exchange exchange) throws Exception {
        Map<String, Endpoint> byMethod = routes.get(exchange.path());
        if (byMethod == null) {
            exchange.error(404, "not_found", "no endpoint at " + exchange.path());
            return;
        }
        Endpoint endpoint = byMethod.get(exchange.method());
        if (endpoint == null && exchange.method().equals("HEAD")) {
            endpoint = byMethod.get("GET");
        }
        if (endpoint == null) {
            exchange.header(HttpHeader.ALLOW.asString(), String.join(", ", byMethod.keySet()));
            exchange.error(405, "method_not_allowed", exchange.method() + " is not allowed on " + exchange.path()
                    + "; allowed: " + String.join(", ", byMethod.keySet()));
            return;
        }
        endpoint.handle(exchange);
        if (!exchange.answered()) {
            throw new IllegalStateException("endpoint for " + exchange.path() + " did not answer");
        }
    }
}
