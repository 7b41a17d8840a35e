package org.sosops.env.referenceapp.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.ResolvedFlag;
import org.sosops.env.referenceapp.auth.RequireRole;
import org.sosops.env.referenceapp.auth.Role;
import org.sosops.env.referenceapp.auth.StaffTokens;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;
import org.sosops.env.referenceapp.http.Router;
import org.sosops.env.referenceapp.webhooks.ReceivedWebhooks;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff dashboard's endpoints, each a small JSON answer computed from what the application
 * really holds (flags, handled and failed webhooks, staff activity):
 *
 * <ul>
 * <li>admin only, in every environment ({@code 401} without a known token, {@code 403} for a
 * member): {@code /api/dashboard/ops/incidents} (recent webhook failures),
 * {@code /api/dashboard/security/sessions} (staff activity by role),
 * {@code /api/dashboard/support/impersonation/sessions};</li>
 * <li>members (and admins) where RBAC is strict — staging and prod — and anyone in local and
 * dev: {@code /api/dashboard/home}, {@code /api/analytics},
 * {@code /api/dashboard/customer-success/health},
 * {@code /api/dashboard/customer-success/renewal-value-report},
 * {@code /api/dashboard/ops/diagnostics};</li>
 * <li>public: {@code /api/status/incidents?organization_id=ID}.</li>
 * </ul>
 *
 * <pre>{@code
 * StaffDashboard.builder(environment).tokens(tokens).flags(flags).webhooks(guard, received).build().mount(router);
 * }</pre>
 */
public final class StaffDashboard {
    private static final Logger LOG = LoggerFactory.getLogger(StaffDashboard.class);
    private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final int RECENT_FAILURES = 50;

    private final AppEnv environment;
    private final StaffTokens tokens;
    private final FlagResolver flags;
    private final WebhookGuard webhooks;
    private final ReceivedWebhooks received;
    private final String database;
    private final Clock clock;
    private final Instant started;
    private final StaffActivity activity;

    private StaffDashboard(Builder b) {
        this.environment = b.environment;
        this.tokens = b.tokens;
        this.flags = b.flags;
        this.webhooks = b.webhooks;
        this.received = b.received;
        this.database = b.database;
        this.clock = b.clock;
        this.started = clock.instant();
        this.activity = new StaffActivity(clock);
    }

    public static Builder builder(AppEnv environment) {
        return new Builder(environment);
    }

    /** Adds every dashboard route to the router. */
    public Router mount(Router router) {
        return router
                .get("/api/dashboard/ops/incidents", admin(this::incidents))
                .get("/api/dashboard/security/sessions", admin(this::sessions))
                .get("/api/dashboard/support/impersonation/sessions", admin(this::impersonationSessions))
                .get("/api/dashboard/home", member(this::home))
                .get("/api/analytics", member(this::analytics))
                .get("/api/dashboard/customer-success/health", member(this::customerSuccessHealth))
                .get("/api/dashboard/customer-success/renewal-value-report", member(this::renewalValueReport))
                .get("/api/dashboard/ops/diagnostics", member(this::diagnostics))
                .get("/api/status/incidents", this::statusIncidents);
    }

    private Endpoint admin(Endpoint endpoint) {
        return RequireRole.of(Role.ADMIN, tokens, activity.recording(tokens, endpoint));
    }

    private Endpoint member(Endpoint endpoint) {
        Endpoint recorded = activity.recording(tokens, endpoint);
        return environment.traits().strictRbac() ? RequireRole.of(Role.MEMBER, tokens, recorded) : recorded;
    }

    private void incidents(Exchange exchange) {
        Optional<List<FailureRecord>> failures = recentFailures();
        if (failures.isEmpty()) {
            exchange.error(503, "store_unavailable", "the webhook failure store cannot be read; try again");
            return;
        }
        List<Map<String, Object>> incidents = failures.get().stream().map(f -> {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("id", f.id());
            incident.put("kind", "webhook-failure");
            incident.put("request_id", f.requestId());
            incident.put("endpoint", f.endpoint());
            incident.put("provider", f.provider());
            incident.put("reason", f.reason());
            incident.put("received_at", f.receivedAt().toString());
            incident.put("replayed", f.replayedAt().isPresent());
            return incident;
        }).toList();
        exchange.json(200, Map.of("incidents", incidents, "count", incidents.size()));
    }

    private void sessions(Exchange exchange) {
        exchange.json(200, Map.of("sessions", activity.sessions()));
    }

    private void impersonationSessions(Exchange exchange) {
        // The application has no impersonation feature: the honest answer is an empty list.
        exchange.json(200, Map.of("sessions", List.of(), "impersonation_enabled", false));
    }

    private void home(Exchange exchange) {
        Map<String, Object> home = new LinkedHashMap<>();
        home.put("environment", environment.id());
        home.put("flags", flags.resolveAll().toJsonTree().get("flags"));
        home.put("webhooks_handled", handled().values().stream().mapToLong(Long::longValue).sum());
        recentFailures().ifPresent(f -> home.put("open_incidents", f.stream().filter(r -> r.replayedAt().isEmpty()).count()));
        exchange.json(200, home);
    }

    private void analytics(Exchange exchange) {
        Map<String, Object> analytics = new LinkedHashMap<>();
        analytics.put("environment", environment.id());
        analytics.put("webhooks_handled", handled());
        analytics.put("webhooks_rate_limited", webhooks.rateLimitedCount());
        recentFailures().ifPresent(f -> analytics.put("webhook_failures_recent", f.size()));
        exchange.json(200, analytics);
    }

    private void customerSuccessHealth(Exchange exchange) {
        Map<String, Object> health = new LinkedHashMap<>();
        Optional<List<FailureRecord>> failures = recentFailures();
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        long lastDay = failures.map(f -> f.stream().filter(r -> r.receivedAt().isAfter(dayAgo)).count()).orElse(-1L);
        health.put("status", lastDay == 0 ? "healthy" : "degraded");
        health.put("webhook_failures_24h", lastDay < 0 ? null : lastDay);
        health.put("checked_at", clock.instant().toString());
        exchange.json(200, health);
    }

    private void renewalValueReport(Exchange exchange) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("environment", environment.id());
        report.put("generated_at", clock.instant().toString());
        report.put("webhooks_handled", handled().values().stream().mapToLong(Long::longValue).sum());
        report.put("features_enabled", flags.resolveAll().flags().values().stream()
                .filter(f -> f.value() instanceof FlagValue.Bool b && b.value()).map(ResolvedFlag::key).sorted().toList());
        exchange.json(200, report);
    }

    private void diagnostics(Exchange exchange) {
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("environment", environment.id());
        diagnostics.put("uptime_seconds", Duration.between(started, clock.instant()).toSeconds());
        diagnostics.put("java_version", Runtime.version().feature());
        diagnostics.put("database", database);
        diagnostics.put("webhook_endpoints", webhooks.paths());
        diagnostics.put("failure_store", recentFailures().isPresent() ? "up" : "down");
        exchange.json(200, diagnostics);
    }

    private void statusIncidents(Exchange exchange) {
        Optional<String> organization = exchange.queryParameter("organization_id");
        if (organization.isEmpty() || !ORGANIZATION_ID.matcher(organization.get()).matches()) {
            exchange.error(400, "bad_request",
                    "organization_id is required: 1-128 characters of letters, digits, '.', '_', ':' or '-'");
            return;
        }
        // Webhook failures are the operators' concern, not an organization's outage: the public
        // status page lists none of them.
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("organization_id", organization.get());
        status.put("status", "operational");
        status.put("incidents", List.of());
        exchange.json(200, status);
    }

    private Map<String, Long> handled() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String path : webhooks.paths()) {
            counts.put(path, received.count(path));
        }
        return counts;
    }

    private Optional<List<FailureRecord>> recentFailures() {
        try {
            return Optional.of(webhooks.failures().list(RECENT_FAILURES));
        } catch (RuntimeException e) {
            LOG.warn("dashboard: the webhook failure store cannot be read ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    public static final class Builder {
        private final AppEnv environment;
        private StaffTokens tokens = StaffTokens.none();
        private FlagResolver flags;
        private WebhookGuard webhooks;
        private ReceivedWebhooks received;
        private String database = "embedded";
        private Clock clock = Clock.systemUTC();

        private Builder(AppEnv environment) {
            this.environment = environment;
        }

        public Builder tokens(StaffTokens tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder flags(FlagResolver flags) {
            this.flags = flags;
            return this;
        }

        public Builder webhooks(WebhookGuard guard, ReceivedWebhooks received) {
            this.webhooks = guard;
            this.received = received;
            return this;
        }

        /** {@code postgresql} or {@code embedded}: what diagnostics report. */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public StaffDashboard build() {
            java.util.Objects.requireNonNull(flags, "flags");
            java.util.Objects.requireNonNull(webhooks, "webhooks");
            return new StaffDashboard(this);
        }
    }
}
