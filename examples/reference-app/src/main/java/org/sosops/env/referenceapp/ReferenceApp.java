package org.sosops.env.referenceapp;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.catalog.DatabaseUrl;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.referenceapp.auth.RequireRole;
import org.sosops.env.referenceapp.auth.Role;
import org.sosops.env.referenceapp.dashboard.StaffDashboard;
import org.sosops.env.referenceapp.flags.ResolvedFlagsEndpoint;
import org.sosops.env.referenceapp.health.HealthEndpoint;
import org.sosops.env.referenceapp.health.ReadinessEndpoint;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.JsonErrorHandler;
import org.sosops.env.referenceapp.http.Router;
import org.sosops.env.referenceapp.messages.MessagesEndpoint;
import org.sosops.env.referenceapp.webhooks.FailureRetentionJob;
import org.sosops.env.referenceapp.webhooks.ReplayEndpoint;
import org.sosops.env.referenceapp.webhooks.WebhookEndpoint;
import org.sosops.env.webhooks.WebhookGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference application: the library wired into a small HTTP service on Jetty 12. Built from
 * a validated {@link EnvironmentPolicy}, so it cannot start on a configuration the policy refuses.
 *
 * <pre>{@code
 * try (ReferenceApp app = ReferenceApp.start(EnvironmentPolicy.fromEnvironment())) {
 *     app.join();
 * }
 * }</pre>
 */
public final class ReferenceApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceApp.class);
    /** Worker threads; slow bodies do not hold them, but handlers may block on the database. */
    static final int MAX_THREADS = 200;
    /** Request line and headers together. */
    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    /** A connection with no traffic for this long is closed. */
    static final long IDLE_TIMEOUT_MILLIS = 20_000;
    /** Bytes per second a request body must keep up once it has started. */
    static final long MIN_REQUEST_DATA_RATE = 1_024;

    private final EnvironmentPolicy policy;
    private final Components components;
    private final Server server;
    private final ServerConnector connector;
    private final FailureRetentionJob retention;

    private ReferenceApp(EnvironmentPolicy policy, Components components, Server server, ServerConnector connector,
                         FailureRetentionJob retention) {
        this.policy = policy;
        this.components = components;
        this.server = server;
        this.connector = connector;
        this.retention = retention;
    }

    /**
     * Builds every component from the policy and starts listening.
     *
     * @throws StartupException when a setting is unusable or the port cannot be bound
     */
    public static ReferenceApp start(EnvironmentPolicy policy) throws StartupException {
        Objects.requireNonNull(policy, "policy");
        AppSettings settings = AppSettings.from(policy);
        Components components = Components.build(policy);
        FailureRetentionJob retention;
        try {
            retention = FailureRetentionJob.start(policy, components.webhooks().failures(), Clock.systemUTC());
        } catch (StartupException e) {
            components.close();
            throw e;
        }
        Router router = staffRoutes(policy, components, routes(policy, components));

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        // A client that trickles its body is cut (400/408) instead of keeping a connection open for ever.
        http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
        http.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        // One acceptor; selectors sized by Jetty from the cores. Bodies are read asynchronously (Router),
        // so slow clients hold connections, never worker threads.
        ServerConnector connector = new ServerConnector(server, 1, -1, new HttpConnectionFactory(http));
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(router);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            retention.close();
            components.close();
            throw new StartupException("cannot listen on " + settings.bindAddress() + ":" + settings.port()
                    + " (set " + AppSettings.PORT + " or " + AppSettings.BIND_ADDRESS + "): " + e.getMessage(), e);
        }
        ReferenceApp app = new ReferenceApp(policy, components, server, connector, retention);
        LOG.info("reference application listening on {} in {}", app.baseUri(), policy.environment());
        return app;
    }

    private static Router routes(EnvironmentPolicy policy, Components components) {
        Router router = new Router().get("/api/health", new HealthEndpoint(policy.environment()));
        WebhookEndpoint webhooks = new WebhookEndpoint(components.webhooks(), components.received());
        for (String path : components.webhooks().paths()) {
            router.post(path, webhooks);
        }
        // Replays a stored failure from the store after re-verifying it; admins only.
        router.post(ReplayEndpoint.PATH, RequireRole.of(Role.ADMIN, components.staffTokens(),
                new ReplayEndpoint(components.webhooks(), components.received())));
        AppEnv env = policy.environment();
        Endpoint flags = new ResolvedFlagsEndpoint(components.flags());
        if (env == AppEnv.STAGING || env == AppEnv.PROD) {
            flags = RequireRole.of(Role.MEMBER, components.staffTokens(), flags);
        }
        Endpoint messages = new MessagesEndpoint(components.recipients(), components.sender());
        if (env != AppEnv.LOCAL) {
            // Sending reaches real people (or, outside prod, the dry-run log): staff admins only.
            messages = RequireRole.of(Role.ADMIN, components.staffTokens(), messages);
        }
        return router
                .get("/api/dashboard/feature-flags/resolved", flags)
                .post("/api/messages", messages);
    }

    /** The port actually bound (useful with {@code PORT=0}). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>} when bound to every address, else the bound host. */
    public URI baseUri() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1"
                : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    public AppEnv environment() {
        return policy.environment();
    }

    /** Readiness and the staff dashboard: admin-only and member endpoints behind the staff tokens. */
    private static Router staffRoutes(EnvironmentPolicy policy, Components components, Router router) {
        Optional<DatabaseUrl> database = policy.secret("DATABASE_URL").flatMap(url -> DatabaseUrl.parse(url.reveal()));
        router.get("/api/health/ready", ReadinessEndpoint.forDatabase(database, () -> {
            try {
                components.webhooks().failures().list(1);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }));
        return StaffDashboard.builder(policy.environment()).tokens(components.staffTokens()).flags(components.flags())
                .webhooks(components.webhooks(), components.received())
                .database(database.isPresent() ? "postgresql" : "embedded").build().mount(router);
    }

    /** The webhook guard, whose failure store lists and replays refused or failed webhooks. */
    public WebhookGuard webhooks() {
        return components.webhooks();
    }

    /** How many verified webhooks reached the application's handler at this path. */
    public long handledWebhooks(String path) {
        return components.received().count(path);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting, finishes in-flight requests (up to 5 s), then releases resources. */
    @Override
    public void close() {
        server.setStopTimeout(5_000);
        stopQuietly(server);
        retention.close();
        components.close();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("server did not stop cleanly: {}", e.toString());
        }
    }
}
