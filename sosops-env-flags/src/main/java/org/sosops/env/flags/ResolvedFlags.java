package org.sosops.env.flags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every flag resolved for one organization (or for the environment alone): the payload of
 * {@code GET /api/dashboard/feature-flags/resolved} and of {@code sosops-env flags resolve}.
 *
 * <pre>{@code
 * String json = resolver.resolveAll("org_123").toJson();
 * // {"organization_id":"org_123","environment":"staging","flags":{"new_inbox":{"value":true,"source":"org"}}}
 * }</pre>
 */
public record ResolvedFlags(Optional<String> organizationId, String environment, Map<String, ResolvedFlag> flags) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ResolvedFlags {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(environment, "environment");
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    /** The docs/flags.md JSON tree. */
    public ObjectNode toJsonTree() {
        ObjectNode root = MAPPER.createObjectNode();
        if (organizationId.isPresent()) {
            root.put("organization_id", organizationId.get());
        } else {
            root.putNull("organization_id");
        }
        root.put("environment", environment);
        ObjectNode all = root.putObject("flags");
        flags.forEach((key, flag) -> {
            ObjectNode one = all.putObject(key);
            one.set("value", flag.value().toJson());
            one.put("source", flag.source().id());
        });
        return root;
    }

    /** The docs/flags.md JSON, compact. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
