package org.sosops.env.referenceapp.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;

/**
 * {@code GET /api/health}: {@code 200 {"status":"ok","environment":"<APP_ENV>"}} (docs/webhooks.md).
 * It answers from memory only, so a load balancer's probe never waits on the database.
 */
public final class HealthEndpoint implements Endpoint {
    private final Map<String, Object> document;

    public HealthEndpoint(AppEnv environment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("environment", environment.id());
        this.document = Collections.unmodifiableMap(body);
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.json(200, document);
    }
}
