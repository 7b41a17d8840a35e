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

    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();

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
        MDC.put("request_id", requestId);
        try {
            dispatch(exchange);
        } catch (Exception | LinkageError e) {
            LOG.error("request {} {} {} failed", requestId, exchange.method(), exchange.path(), e);
            if (!exchange.answered()) {
                exchange.error(500, "internal_error", "the request failed; quote request id " + requestId);
            } else {
                callback.failed(e);
            }
        } finally {
            MDC.remove("request_id");
        }
        return true;
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
