package org.sosops.env.promotion.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.promotion.launch.ItemResult;

/** The admin/member controls validation against a scripted application. */
class AdminControlsTest {
    private static final String ADMIN = "adm-7f3c9e1d2b";
    private static final String MEMBER = "mem-5a8b0c4e6f";

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts an application whose answer to (path, caller) is {@code policy}; caller is admin, member, anonymous or other. */
    private URI app(Function<Map.Entry<String, String>, Integer> policy) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            String caller = ("Bearer " + ADMIN).equals(auth) ? "admin" : ("session=" + MEMBER).equals(cookie) ? "member"
                    : auth == null && cookie == null ? "anonymous" : "other";
            seen.add(exchange.getRequestURI().getPath() + " " + caller);
            int status = policy.apply(Map.entry(exchange.getRequestURI().getPath(), caller));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static AdminControls controls(URI uri) {
        return AdminControls.builder(uri).admin(StaffCredential.bearer(Secret.of(ADMIN)))
                .member(StaffCredential.session(Secret.of(MEMBER))).build();
    }

    private static int wellBehaved(Map.Entry<String, String> request) {
        boolean adminOnly = AdminControls.DEFAULT_ADMIN_ONLY.contains(request.getKey());
        return switch (request.getValue()) {
            case "admin" -> 200;
            case "member" -> adminOnly ? 403 : 200;
            default -> 401;
        };
    }

    @Test
    void aWellBehavedApplicationPassesWithTheBearerAdminAndTheSessionCookieMember() throws IOException {
        AdminControlsReport report = controls(app(AdminControlsTest::wellBehaved)).run();

        assertThat(report.ok()).isTrue();
        assertThat(report.probes()).hasSize(3 * 3 + 2);
        assertThat(seen).contains("/api/dashboard/ops/incidents admin", "/api/dashboard/ops/incidents member",
                "/api/dashboard/ops/incidents anonymous", "/api/dashboard/home member", "/api/analytics member");
    }

    @Test
    void anAdminEndpointOpenToMembersOrAnonymousCallersFailsNamingEndpointCallerAndStatus() throws IOException {
        URI uri = app(r -> r.getKey().equals("/api/dashboard/security/sessions") ? 200
                : r.getKey().equals("/api/analytics") && r.getValue().equals("member") ? 500 : wellBehaved(r));

        ItemResult result = new AdminControlsItem(controls(uri)).run();

        assertThat(result).isInstanceOf(ItemResult.Failed.class);
        assertThat(((ItemResult.Failed) result).problems()).containsExactly(
                "/api/dashboard/security/sessions as member: expected 403, got 200",
                "/api/dashboard/security/sessions as anonymous: expected 401, got 200",
                "/api/analytics as member: expected 2xx, got 500");
        assertThat(result.summary() + result).doesNotContain(ADMIN).doesNotContain(MEMBER);
    }

    @Test
    void forbiddenForTheAdminOrA403ForAnonymousInsteadOf401AlsoFails() throws IOException {
        URI uri = app(r -> r.getValue().equals("anonymous") ? 403 : r.getValue().equals("admin") ? 403 : wellBehaved(r));

        AdminControlsReport report = controls(uri).run();

        assertThat(report.failing()).extracting(AdminControlsReport.Probe::describe)
                .contains("/api/dashboard/ops/incidents as admin: expected 2xx, got 403",
                        "/api/dashboard/ops/incidents as anonymous: expected 401, got 403");
    }

    @Test
    void aRedirectToALoginPageIsNotASuccess() throws IOException {
        URI uri = app(r -> r.getValue().equals("admin") ? 302 : wellBehaved(r));

        assertThat(controls(uri).run().failing()).extracting(AdminControlsReport.Probe::describe)
                .contains("/api/dashboard/ops/incidents as admin: expected 2xx, got 302");
    }

    @Test
    void theSeedListsEndpointsReplaceTheDefaults() throws IOException {
        URI uri = app(r -> r.getValue().equals("member") && r.getKey().startsWith("/api/admin/") ? 403 : wellBehaved(r));

        AdminControlsReport report = AdminControls.builder(uri).admin(StaffCredential.session(Secret.of("x")))
                .member(StaffCredential.session(Secret.of(MEMBER))).adminOnly(List.of("/api/admin/only"))
                .memberEndpoints(List.of("/api/me")).build().run();

        assertThat(report.probes()).extracting(AdminControlsReport.Probe::endpoint)
                .containsExactly("/api/admin/only", "/api/admin/only", "/api/admin/only", "/api/me");
        // "x" as a session is nobody: the admin probe fails with the application's 401.
        assertThat(report.failing()).extracting(AdminControlsReport.Probe::describe)
                .containsExactly("/api/admin/only as admin: expected 2xx, got 401");
    }

    @Test
    void anApplicationThatCannotBeReachedFailsEveryProbe() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        AdminControlsReport report = controls(URI.create("http://127.0.0.1:" + closed)).run();

        assertThat(report.ok()).isFalse();
        assertThat(report.failing()).hasSize(11);
        assertThat(report.failing().get(0).describe())
                .isEqualTo("/api/dashboard/ops/incidents as admin: expected 2xx, got no answer (cannot connect to 127.0.0.1)");
    }

    @Test
    void aCredentialNeverShowsItsToken() {
        assertThat(StaffCredential.bearer(Secret.of(ADMIN)).toString()).isEqualTo("StaffCredential[bearer ***]");
        assertThat(StaffCredential.session(Secret.of(MEMBER)).toString()).doesNotContain(MEMBER);
    }
}
