package org.sosops.env.referenceapp.http;

/**
 * One route's behaviour. It answers through the {@link Exchange}; an exception escaping it becomes
 * a logged {@code 500} carrying the request id, never a stack trace to the caller.
 *
 * <pre>{@code
 * Endpoint health = exchange -> exchange.json(200, Map.of("status", "ok"));
 * }</pre>
 */
@FunctionalInterface
public interface Endpoint {
    void handle(Exchange exchange) throws Exception;
}
