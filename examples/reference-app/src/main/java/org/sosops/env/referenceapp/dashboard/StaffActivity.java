package org.sosops.env.referenceapp.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sosops.env.referenceapp.auth.Role;
import org.sosops.env.referenceapp.auth.StaffTokens;
import org.sosops.env.referenceapp.http.Endpoint;

/**
 * Which staff roles used the dashboard, how often and when last: what the security sessions
 * endpoint lists. Kept per role, never per token, so nothing here identifies a credential.
 */
final class StaffActivity {
    private record Seen(AtomicLong requests, Instant last) {
    }

    private final Map<Role, Seen> byRole = new ConcurrentHashMap<>();
    private final Clock clock;

    StaffActivity(Clock clock) {
        this.clock = clock;
    }

    /** Wraps an endpoint so that each call by a known staff caller is counted. */
    Endpoint recording(StaffTokens tokens, Endpoint endpoint) {
        return exchange -> {
            tokens.roleOf(exchange).ifPresent(role -> byRole.compute(role, (r, seen) -> new Seen(
                    seen == null ? new AtomicLong(1) : increment(seen.requests()), clock.instant())));
            endpoint.handle(exchange);
        };
    }

    private static AtomicLong increment(AtomicLong counter) {
        counter.incrementAndGet();
        return counter;
    }

    List<Map<String, Object>> sessions() {
        return byRole.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("role", e.getKey().name().toLowerCase(java.util.Locale.ROOT));
            session.put("requests", e.getValue().requests().get());
            session.put("last_seen_at", e.getValue().last().toString());
            return session;
        }).toList();
    }
}
