package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.promotion.access.AdminControls;
import org.sosops.env.promotion.access.AdminControlsReport;
import org.sosops.env.promotion.access.StaffCredential;
import org.sosops.env.promotion.smoke.SeedList;
import org.sosops.env.referenceapp.auth.StaffTokens;

/** The staff dashboard's admin-only and member endpoints in staging, validated from outside and attacked. */
class StaffControlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ADMIN_ONLY = AdminControls.DEFAULT_ADMIN_ONLY;

    @TempDir
    static Path dir;
    private static StaffAppFixture staging;

    @BeforeAll
    static void start() throws Exception {
        staging = StaffAppFixture.start(AppEnv.STAGING, dir);
    }

    @AfterAll
    static void stop() {
        staging.close();
    }

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(staging.app.baseUri().resolve(path)).GET();
        if (header != null) {
            request.header(header, value);
        }
        return ReferenceAppHttpTest.send(request);
    }

    @Test
    void theAdminControlsValidationPassesOnTheSeedListsEndpointsWithBearerAndSessionCredentials() {
        SeedList seed = SeedList.load(Path.of("smoke-seed.json"));
        AdminControlsReport report = AdminControls.builder(staging.app.baseUri())
                .admin(StaffCredential.session(Secret.of(staging.adminToken)))
                .member(StaffCredential.bearer(Secret.of(staging.memberToken)))
                .adminOnly(seed.adminOnly().orElseThrow()).memberEndpoints(seed.member().orElseThrow())
                .build().run();

        assertThat(report.failing()).extracting(AdminControlsReport.Probe::describe).isEmpty();
        assertThat(report.probes()).hasSize(3 * 3 + 5);
    }

    @Test
    void adminEndpointsAnswerRealJson() throws Exception {
        String admin = "Bearer " + staging.adminToken;
        JsonNode incidents = JSON.readTree(get("/api/dashboard/ops/incidents", "Authorization", admin).body());
        assertThat(incidents.get("incidents").isArray()).isTrue();
        JsonNode sessions = JSON.readTree(get("/api/dashboard/security/sessions", "Authorization", admin).body());
        assertThat(sessions.get("sessions")).extracting(s -> s.get("role").asText()).contains("admin");
        assertThat(sessions.toString()).doesNotContain(staging.adminToken).doesNotContain(StaffTokens.digest(staging.adminToken));
        JsonNode impersonation = JSON.readTree(get("/api/dashboard/support/impersonation/sessions", "Authorization", admin).body());
        assertThat(impersonation.get("sessions").size()).isZero();
        JsonNode diagnostics = JSON.readTree(get("/api/dashboard/ops/diagnostics", "Authorization", admin).body());
        assertThat(diagnostics.get("database").asText()).isEqualTo("postgresql");
        assertThat(diagnostics.get("environment").asText()).isEqualTo("staging");
    }

    @Test
    void aMemberCannotReachAnAdminEndpointByAnyRouteAroundTheRoleCheck() throws Exception {
        for (String path : ADMIN_ONLY) {
            assertThat(get(path, "Authorization", "Bearer " + staging.memberToken).statusCode()).as(path).isEqualTo(403);
            assertThat(get(path, "Cookie", "session=" + staging.memberToken).statusCode()).as(path).isEqualTo(403);
            // The bearer header wins over a cookie: a member cannot borrow an admin session alongside.
            HttpResponse<String> both = ReferenceAppHttpTest.send(HttpRequest.newBuilder(staging.app.baseUri().resolve(path))
                    .header("Authorization", "Bearer " + staging.memberToken)
                    .header("Cookie", "session=" + staging.adminToken).GET());
            assertThat(both.statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void nothingButTheAdminTokenItselfOpensAnAdminEndpoint() throws Exception {
        String path = "/api/dashboard/ops/incidents";
        assertThat(get(path, null, null).statusCode()).isEqualTo(401);
        // The configured digest is not a credential.
        assertThat(get(path, "Authorization", "Bearer " + StaffTokens.digest(staging.adminToken)).statusCode()).isEqualTo(401);
        // Another cookie name, a prefix or a padded token are not the session.
        assertThat(get(path, "Cookie", "sessionid=" + staging.adminToken).statusCode()).isEqualTo(401);
        assertThat(get(path, "Authorization", "Bearer " + staging.adminToken.substring(0, 20)).statusCode()).isEqualTo(401);
        assertThat(get(path, "Authorization", "Bearer " + staging.adminToken + "x").statusCode()).isEqualTo(401);
        assertThat(get(path, "Authorization", "Basic " + staging.adminToken).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = get(path, "Authorization", "Bearer wrong");
        assertThat(refused.body()).doesNotContain("wrong").contains("unauthorized");
        assertThat(get(path, "Authorization", "bearer " + staging.adminToken).statusCode()).isEqualTo(200);
    }

    @Test
    void memberEndpointsNeedAStaffTokenInStaging() throws Exception {
        for (String path : List.of("/api/dashboard/home", "/api/analytics", "/api/dashboard/customer-success/health",
                "/api/dashboard/customer-success/renewal-value-report", "/api/dashboard/ops/diagnostics")) {
            assertThat(get(path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "Cookie", "session=" + staging.memberToken).statusCode()).as(path).isEqualTo(200);
            assertThat(get(path, "Cookie", "session=" + staging.adminToken).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theStatusPageIsPublicAndNeedsAWellFormedOrganizationId() throws Exception {
        HttpResponse<String> ok = get("/api/status/incidents?organization_id=org_123", null, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("organization_id").asText()).isEqualTo("org_123");
        assertThat(get("/api/status/incidents", null, null).statusCode()).isEqualTo(400);
        assertThat(get("/api/status/incidents?organization_id=%3Cscript%3E", null, null).statusCode()).isEqualTo(400);
    }
}
