package org.sosops.env.promotion.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One endpoint to call after a deploy and what its answer must be.
 *
 * <pre>{@code
 * SmokeCheck dashboard = new SmokeCheck("dashboard", "/api/dashboard", true, false, 200, Optional.empty());
 * }</pre>
 *
 * @param method         {@code GET} or {@code POST}
 * @param path           the path and query, {@code {organization_id}} replaced by the organization id
 * @param requestBody    the JSON body of a {@code POST}
 * @param needsToken     run only when a bearer token is given (and send it)
 * @param needsOrganization run only when an organization id is given
 * @param expectedStatus the status that passes; {@link #ANY_SUCCESS} for any 2xx
 * @param body           an extra check of the JSON body; empty when the status is enough
 */
public record SmokeCheck(String name, String method, String path, Optional<String> requestBody, boolean needsToken,
                         boolean needsOrganization, int expectedStatus, Optional<BodyCheck> body) {
    /** {@link #expectedStatus()} value that accepts any 2xx answer. */
    public static final int ANY_SUCCESS = 0;

    /** Checks of public endpoints: they never receive the bearer token. */
    private static final Set<String> ANONYMOUS = Set.of("health", "ready", "status-incidents",
            "webhook-twilio-inbound", "webhook-twilio-status", "webhook-email-events");

    public SmokeCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestBody, "requestBody");
        Objects.requireNonNull(body, "body");
        method = method.toUpperCase(Locale.ROOT);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("smoke check " + name + ": path must start with / (got " + path + ")");
        }
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("smoke check " + name + ": method must be GET or POST");
        }
    }

    /** A {@code GET} check. */
    public SmokeCheck(String name, String path, boolean needsToken, boolean needsOrganization, int expectedStatus,
                      Optional<BodyCheck> body) {
        this(name, "GET", path, Optional.empty(), needsToken, needsOrganization, expectedStatus, body);
    }

    /** Whether {@code status} passes this check. */
    public boolean accepts(int status) {
        return expectedStatus == ANY_SUCCESS ? status / 100 == 2 : status == expectedStatus;
    }

    /** The expected status as people read it: {@code 200}, or {@code 2xx}. */
    public String expectation() {
        return expectedStatus == ANY_SUCCESS ? "2xx" : String.valueOf(expectedStatus);
    }

    /** Whether the bearer token (when one is given) goes with this request: never to a public endpoint. */
    public boolean sendsToken() {
        return needsToken || !ANONYMOUS.contains(name);
    }

    /** Checks a JSON body; returns why it is wrong, or empty when it is right. */
    @FunctionalInterface
    public interface BodyCheck {
        Optional<String> problem(JsonNode body, SmokeConfig config);
    }

    /**
     * The seed's smoke list, in the order run: health, readiness (database connectivity), resolved
     * flags, the dashboard and analytics endpoints, the token-only staff endpoints, the
     * organization's status incidents, and the three webhook endpoints (mounted: {@code GET} is
     * answered {@code 405}).
     */
    public static List<SmokeCheck> builtIns() {
        return List.of(health(), ready(), resolvedFlags(), organizationFlags(),
                object("analytics", "/api/analytics", false),
                object("dashboard-home", "/api/dashboard/home", false),
                object("customer-success-health", "/api/dashboard/customer-success/health", false),
                object("renewal-value-report", "/api/dashboard/customer-success/renewal-value-report", false),
                object("ops-diagnostics", "/api/dashboard/ops/diagnostics", false),
                object("ops-incidents", "/api/dashboard/ops/incidents", true),
                object("security-sessions", "/api/dashboard/security/sessions", true),
                object("impersonation-sessions", "/api/dashboard/support/impersonation/sessions", true),
                statusIncidents(),
                mounted("webhook-twilio-inbound", "/api/webhooks/twilio/inbound"),
                mounted("webhook-twilio-status", "/api/webhooks/twilio/status"),
                mounted("webhook-email-events", "/api/webhooks/email/events"));
    }

    /** {@code GET /api/health} → 200 {@code {"status":"ok", "environment": …}}. */
    public static SmokeCheck health() {
        return new SmokeCheck("health", "/api/health", false, false, 200, Optional.of((body, config) -> {
            if (!"ok".equals(body.path("status").asText(null))) {
                return Optional.of("expected \"status\": \"ok\", got " + body.path("status"));
            }
            return config.expectedEnvironment().filter(e -> !e.equals(body.path("environment").asText(null)))
                    .map(e -> "expected \"environment\": \"" + e + "\", got " + body.path("environment"));
        }));
    }

    /** {@code GET /api/health/ready} → 200 only while the application's database answers (503 otherwise). */
    public static SmokeCheck ready() {
        return new SmokeCheck("ready", "/api/health/ready", false, false, 200, Optional.empty());
    }

    /** {@code GET /api/dashboard/feature-flags/resolved} → the resolved flags JSON. */
    public static SmokeCheck resolvedFlags() {
        return new SmokeCheck("resolved-flags", "/api/dashboard/feature-flags/resolved", false, false, 200,
                Optional.of((body, config) -> body.path("flags").isObject() ? Optional.empty()
                        : Optional.of("expected a \"flags\" object in the body")));
    }

    /** The organization's resolved flags, run when an organization id is given. */
    public static SmokeCheck organizationFlags() {
        return new SmokeCheck("organization-flags", "/api/dashboard/feature-flags/resolved?organization_id={organization_id}",
                false, true, 200, Optional.of((body, config) -> {
                    if (!body.path("flags").isObject()) {
                        return Optional.of("expected a \"flags\" object in the body");
                    }
                    String org = config.organizationId().orElse("");
                    return org.equals(body.path("organization_id").asText(null)) ? Optional.empty()
                            : Optional.of("expected \"organization_id\": \"" + org + "\", got " + body.path("organization_id"));
                }));
    }

    /** {@code GET /api/status/incidents?organization_id=ID} → an {@code "incidents"} array. */
    public static SmokeCheck statusIncidents() {
        return new SmokeCheck("status-incidents", "/api/status/incidents?organization_id={organization_id}", false, true, 200,
                Optional.of((body, config) -> body.path("incidents").isArray() ? Optional.empty()
                        : Optional.of("expected an \"incidents\" array in the body")));
    }

    /**
     * {@code POST /api/messages} to an allowlisted test recipient, labelled test data: any 2xx whose
     * {@code "status"} is {@code dry_run} (outside prod) or {@code sent}/{@code queued} (a real send).
     */
    public static SmokeCheck testSend(String recipient) {
        boolean email = recipient.contains("@");
        String body = "{\"channel\":\"" + (email ? "email" : "sms") + "\",\"to\":[" + jsonString(recipient) + "],"
                + (email ? "\"subject\":\"sosops-env smoke test\"," : "")
                + "\"body\":\"sosops-env smoke test\",\"label\":\"test-data\"}";
        return new SmokeCheck("test-send", "POST", "/api/messages", Optional.of(body), false, false, ANY_SUCCESS,
                Optional.of((json, config) -> {
                    String status = json.path("status").asText("");
                    return Set.of("dry_run", "sent", "queued").contains(status) ? Optional.empty()
                            : Optional.of("expected \"status\" dry_run, sent or queued, got " + json.path("status"));
                }));
    }

    private static SmokeCheck object(String name, String path, boolean needsToken) {
        // Any JSON object passes: the runner refuses a body that is not one.
        return new SmokeCheck(name, path, needsToken, false, 200, Optional.of((body, config) -> Optional.empty()));
    }

    private static SmokeCheck mounted(String name, String path) {
        return new SmokeCheck(name, path, false, false, 405, Optional.empty());
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
