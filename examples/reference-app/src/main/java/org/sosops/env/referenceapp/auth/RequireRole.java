package org.sosops.env.referenceapp.auth;

import java.util.Optional;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;

/**
 * Puts a role check in front of an endpoint: {@code 401} when the caller presents no known
 * token, {@code 403} when the token's role is too low, the endpoint otherwise.
 *
 * <pre>{@code
 * router.get("/api/dashboard/ops/incidents", RequireRole.of(Role.ADMIN, tokens, incidents));
 * }</pre>
 */
public final class RequireRole implements Endpoint {
    private final Role required;
    private final StaffTokens tokens;
    private final Endpoint endpoint;

    private RequireRole(Role required, StaffTokens tokens, Endpoint endpoint) {
        this.required = required;
        this.tokens = tokens;
        this.endpoint = endpoint;
    }

    public static Endpoint of(Role required, StaffTokens tokens, Endpoint endpoint) {
        return new RequireRole(required, tokens, endpoint);
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Optional<Role> role = tokens.roleOf(exchange);
        if (role.isEmpty()) {
            exchange.header("WWW-Authenticate", "Bearer");
            exchange.error(401, "unauthorized", "a valid bearer token or session is required");
            return;
        }
        if (!role.get().covers(required)) {
            exchange.error(403, "forbidden", "this endpoint requires the " + required.name().toLowerCase(java.util.Locale.ROOT)
                    + " role");
            return;
        }
        endpoint.handle(exchange);
    }
}
