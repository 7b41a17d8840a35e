package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.Main;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.env.AppEnv;

/**
 * {@code sosops-env smoke} and {@code sosops-env launch-gate --validate-admin-controls} against the
 * running application in staging, as a deploy pipeline calls them: tokens and URLs from variables.
 */
class CommandLineAgainstTheAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = "smoke-seed.json";

    @TempDir
    Path dir;
    private final Map<String, String> environment = new HashMap<>();
    private final UnaryOperator<String> previous = ProcessEnvironment.replace(environment::get);

    @AfterEach
    void restore() {
        ProcessEnvironment.replace(previous);
    }

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static JsonNode item(Run run, String name) throws Exception {
        for (JsonNode item : JSON.readTree(run.out()).get("items")) {
            if (item.get("item").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no item " + name + " in " + run.out());
    }

    @Test
    void theFullSmokeListPassesWithATokenAnOrganizationAndATestSendThenFailsWithExitOneOnceTheAppIsGone() throws Exception {
        String baseUrl;
        Run passing;
        try (StaffAppFixture staging = StaffAppFixture.start(AppEnv.STAGING, dir)) {
            baseUrl = staging.app.baseUri().toString();
            environment.put("SMOKE_BASE_URL", baseUrl);
            environment.put("SMOKE_ORGANIZATION_ID", "org_123");
            environment.put("SMOKE_TEST_RECIPIENT", StaffAppFixture.TEST_RECIPIENT);
            environment.put("STAFF_TOKEN", staging.adminToken);

            passing = run("smoke", "--bearer-token-env", "STAFF_TOKEN", "--seed", SEED, "--test-send",
                    "--expect-environment", "staging", "--attempts", "1", "--format", "json");

            assertThat(passing.exit()).as(passing.all()).isZero();
            JsonNode checks = JSON.readTree(passing.out()).get("checks");
            assertThat(checks).allSatisfy(c -> assertThat(c.get("result").asText()).as(c.toString()).isEqualTo("passed"));
            assertThat(checks).extracting(c -> c.get("name").asText()).contains("ready", "analytics", "ops-incidents",
                    "security-sessions", "impersonation-sessions", "status-incidents", "webhook-email-events", "test-send");
            assertThat(passing.all()).doesNotContain(staging.adminToken);

            // Without the token, staging's member endpoints refuse the anonymous smoke: the failures are named.
            environment.remove("SMOKE_TEST_RECIPIENT");
            Run anonymous = run("smoke", "--seed", SEED, "--attempts", "1");
            assertThat(anonymous.exit()).isEqualTo(1);
            assertThat(anonymous.out()).contains("failed  dashboard-home").contains("expected HTTP 200, got 401")
                    .contains("skipped ops-incidents");
        }

        Run gone = run("smoke", "--base-url", baseUrl, "--attempts", "1", "--timeout-ms", "2000");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("smoke: cannot reach " + baseUrl);
    }

    @Test
    void theLaunchGateValidatesTheAdminAndMemberControlsWithTokensFromTheEnvironmentOnly() throws Exception {
        try (StaffAppFixture staging = StaffAppFixture.start(AppEnv.STAGING, dir)) {
            environment.put("SMOKE_BASE_URL", staging.app.baseUri().toString());
            environment.put("LAUNCH_VALIDATE_ADMIN_CONTROLS", "true");
            environment.put("LAUNCH_ADMIN_BEARER_TOKEN", staging.adminToken);
            environment.put("LAUNCH_MEMBER_SESSION_TOKEN", staging.memberToken);
            String[] gate = {"launch-gate", "--seed", SEED, "--skip", "environment,secrets,migrations,webhooks,smoke",
                    "--format", "json"};

            Run go = run(gate);
            assertThat(go.exit()).as(go.all()).isZero();
            JsonNode item = item(go, "admin-controls");
            assertThat(item.get("status").asText()).isEqualTo("pass");

            // Swapped tokens: the admin-only endpoints now answer 403 to the "admin" and 2xx to the "member".
            environment.put("LAUNCH_ADMIN_BEARER_TOKEN", staging.memberToken);
            environment.put("LAUNCH_MEMBER_SESSION_TOKEN", staging.adminToken);
            Run swapped = run(gate);
            assertThat(swapped.exit()).isEqualTo(1);
            assertThat(item(swapped, "admin-controls").get("problems")).extracting(JsonNode::asText)
                    .contains("/api/dashboard/ops/incidents as admin: expected 2xx, got 403",
                            "/api/dashboard/ops/incidents as member: expected 403, got 200");
            assertThat(swapped.all()).doesNotContain(staging.adminToken).doesNotContain(staging.memberToken);

            // No member token: the item cannot run, exit 2, naming both variables.
            environment.remove("LAUNCH_MEMBER_SESSION_TOKEN");
            Run missing = run("launch-gate", "--validate-admin-controls", "--skip", "environment,secrets,migrations,webhooks,smoke");
            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.all()).contains("set LAUNCH_MEMBER_BEARER_TOKEN or LAUNCH_MEMBER_SESSION_TOKEN");
        }
    }
}
