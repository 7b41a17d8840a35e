package org.sosops.env.promotion.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint to call after a deploy and what its answer must be.
 *
 * @param path           the path and query, {@code {organization_id}} replaced by the organization id
 * @param needsToken     run only when a bearer token is given (and send it)
 * @param needsOrganization run only when an organization id is given
 * @param expectedStatus the status that passes
 * @param body           an extra check of the JSON body; empty when the status is enough
 */
public record SmokeCheck(String name, String path, boolean needsToken, boolean needsOrganization, int expectedStatus,
                         Optional<BodyCheck> body) {
    public SmokeCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("smoke check " + name + ": path must start with / (got " + path + ")");
        }
    }

    /** Checks a JSON body; returns why it is wrong, or empty when it is right. */
    @FunctionalInterface
    public interface BodyCheck {
        Optional<String> problem(JsonNode body, SmokeConfig config);
    }

    /** {@code GET /api/health} → 200 {@code {"status":"ok", "environment": …}} (CONTRACT §7). */
    public static SmokeCheck health() {
        return new SmokeCheck("health", "/api/health", false, false, 200, Optional.of((body, config) -> {
            if (!"ok".equals(body.path("status").asText(null))) {
                return Optional.of("expected \"status\": \"ok\", got " + body.path("status"));
            }
            return config.expectedEnvironment().filter(e -> !e.equals(body.path("environment").asText(null)))
                    .map(e -> "expected \"environment\": \"" + e + "\", got " + body.path("environment"));
        }));
    }

    /** {@code GET /api/dashboard/feature-flags/resolved} → the flags JSON of CONTRACT §5. */
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
}
