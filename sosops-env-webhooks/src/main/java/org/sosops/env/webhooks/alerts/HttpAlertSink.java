package org.sosops.env.webhooks.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as JSON to a URL (a chat webhook, an incident tool), asynchronously so the
 * request being refused is never held up; a failed delivery is logged, not retried.
 *
 * <p>Body: {@code {"environment": "prod", "endpoint": "...", "provider": "twilio", "reason":
 * "signature-mismatch", "request_id": "...", "at": "2026-…Z", "suppressed": 0, "text": "..."}}.
 *
 * <pre>{@code
 * AlertSink sink = new HttpAlertSink(URI.create(System.getenv("SOSOPS_WEBHOOK_ALERT_URL")));
 * }</pre>
 */
public final class HttpAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAlertSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI target;
    private final HttpClient client;

    public HttpAlertSink(URI target) {
        this.target = target;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void alert(WebhookAlert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environment", alert.environment());
        body.put("endpoint", alert.endpoint());
        body.put("provider", alert.provider());
        body.put("reason", alert.reason());
        body.put("request_id", alert.requestId());
        body.put("at", alert.at().toString());
        body.put("suppressed", alert.suppressed());
        body.put("text", "[" + alert.environment() + "] " + alert.provider() + " webhook " + alert.endpoint()
                + " refused or failed: " + alert.reason() + " (request " + alert.requestId() + ")");
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            LOG.warn("webhook alert {} not sent: {}", alert.requestId(), e.getMessage());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("webhook alert {} not delivered to {}: {}", alert.requestId(), target.getHost(),
                        error.getClass().getSimpleName());
            } else if (response.statusCode() / 100 != 2) {
                LOG.warn("webhook alert {} refused by {} with status {}", alert.requestId(), target.getHost(),
                        response.statusCode());
            }
        });
    }

    @Override
    public String toString() {
        return "HttpAlertSink[" + target.getScheme() + "://" + target.getHost() + "]";
    }
}
