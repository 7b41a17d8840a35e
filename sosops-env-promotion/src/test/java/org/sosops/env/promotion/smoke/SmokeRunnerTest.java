package org.sosops.env.promotion.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.promotion.PromotionInputException;

class SmokeRunnerTest {
    private TestApp app;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SmokeRunner runner = SmokeRunner.create(waits::add);

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        app = new TestApp();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private SmokeConfig.Builder config() {
        return SmokeConfig.builder(app.baseUrl()).backoff(Duration.ofMillis(100)).timeout(Duration.ofSeconds(5));
    }

    private static List<String> lines(SmokeReport report) {
        return report.results().stream().map(r -> r.name() + " " + r.outcome().id()).toList();
    }

    private static SmokeResult result(SmokeReport report, String name) {
        return report.results().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static final List<String> SEED = List.of("health", "ready", "resolved-flags", "organization-flags", "analytics",
            "dashboard-home", "customer-success-health", "renewal-value-report", "ops-diagnostics", "ops-incidents",
            "security-sessions", "impersonation-sessions", "status-incidents", "webhook-twilio-inbound",
            "webhook-twilio-status", "webhook-email-events");

    @Test
    void aHealthyApplicationPassesAndTheOrganizationCheckWaitsForAnOrganizationId() {
        app.healthy("staging");

        SmokeReport report = runner.run(config().build());

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.results()).extracting(SmokeResult::name).containsExactlyElementsOf(SEED);
        assertThat(lines(report)).contains("health passed", "ready passed", "resolved-flags passed", "organization-flags skipped",
                "analytics passed", "ops-incidents skipped", "status-incidents skipped", "webhook-email-events passed");
        assertThat(waits).isEmpty();
    }

    @Test
    void withAnOrganizationIdItsFlagsAreChecked() {
        app.healthy("staging");

        SmokeReport report = runner.run(config().organizationId("org_123").expectEnvironment("staging").build());

        assertThat(lines(report)).contains("health passed", "resolved-flags passed", "organization-flags passed",
                "status-incidents passed");
    }

    @Test
    void aServerErrorIsRetriedWithDoublingBackOff() {
        app.healthy("staging");
        app.route("/api/dashboard/feature-flags/resolved", n -> n < 3 ? new TestApp.Answer(503, "{}")
                : new TestApp.Answer(200, "{\"flags\":{}}"));

        SmokeReport report = runner.run(config().attempts(3).build());

        assertThat(report.ok()).isTrue();
        assertThat(result(report, "resolved-flags").attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(app.calls("/api/dashboard/feature-flags/resolved")).isEqualTo(3);
    }

    @Test
    void aCheckThatKeepsFailingFailsAfterItsAttemptsWithTheLastStatus() {
        app.healthy("staging");
        app.route("/api/health", n -> new TestApp.Answer(500, "{}"));

        SmokeReport report = runner.run(config().attempts(2).build());

        assertThat(report.ok()).isFalse();
        assertThat(report.unreachable()).isFalse();
        SmokeResult health = report.results().get(0);
        assertThat(health.failed()).isTrue();
        assertThat(health.status()).hasValue(500);
        assertThat(health.attempts()).isEqualTo(2);
        assertThat(report.toText()).contains("failed  health").contains("1 smoke check failed on " + app.baseUrl());
    }

    @Test
    void aClientErrorOrAWrongBodyFailsAtOnceWithoutRetrying() {
        app.healthy("staging");
        app.route("/api/health", n -> new TestApp.Answer(200, "{\"status\":\"degraded\"}"));
        app.route("/api/dashboard/feature-flags/resolved", n -> new TestApp.Answer(401, "{}"));

        SmokeReport report = runner.run(config().build());

        assertThat(result(report, "health").message()).isEqualTo("expected \"status\": \"ok\", got \"degraded\"");
        assertThat(result(report, "resolved-flags").message()).isEqualTo("expected HTTP 200, got 401");
        assertThat(result(report, "organization-flags").message()).isEqualTo("needs an organization id (--organization-id)");
        assertThat(waits).isEmpty();
    }

    @Test
    void theWrongEnvironmentFailsTheHealthCheck() {
        app.healthy("dev");

        SmokeReport report = runner.run(config().expectEnvironment("staging").build());

        assertThat(report.results().get(0).message()).isEqualTo("expected \"environment\": \"staging\", got \"dev\"");
    }

    @Test
    void aRequestThatOutlastsItsTimeoutFails() {
        app.healthy("staging");
        app.hang("/api/dashboard/feature-flags/resolved");

        SmokeReport report = runner.run(config().timeout(Duration.ofMillis(300)).attempts(1).build());

        assertThat(result(report, "resolved-flags").message()).isEqualTo("no answer within 300 ms");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void anApplicationThatNeverAnswersIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmokeReport report = runner.run(SmokeConfig.builder(URI.create("http://127.0.0.1:" + closedPort))
                .backoff(Duration.ofMillis(1)).attempts(2).build());

        assertThat(report.unreachable()).isTrue();
        assertThat(report.results().get(0).message()).startsWith("cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void theBearerTokenGoesToEveryCheckButHealthAndEnablesTheSeedListsAuthenticatedChecks() throws IOException {
        app.healthy("staging");
        app.route("/api/organizations/org_123/lists", n -> new TestApp.Answer(200, "[]"));
        Path seed = dir.resolve("smoke.json");
        Files.writeString(seed, "{\"checks\": [{\"name\": \"org-lists\", \"path\": \"/api/organizations/{organization_id}/lists\","
                + " \"auth\": true}]}");

        SmokeReport without = runner.run(config().organizationId("org_123").addChecks(SeedList.read(seed)).build());
        assertThat(lines(without)).contains("org-lists skipped");

        SmokeReport with = runner.run(config().organizationId("org_123").bearerToken(Secret.of("tok-123"))
                .addChecks(SeedList.read(seed)).build());
        assertThat(with.ok()).as(with.toText()).isTrue();
        assertThat(lines(with)).contains("organization-flags passed", "ops-incidents passed", "org-lists passed");
        assertThat(app.authorizations).contains("/api/health -", "/api/health/ready -", "/api/status/incidents?organization_id=org_123 -",
                "/api/webhooks/twilio/inbound -", "/api/organizations/org_123/lists Bearer tok-123",
                "/api/dashboard/ops/incidents Bearer tok-123", "/api/analytics Bearer tok-123")
                .doesNotContain("/api/health Bearer tok-123");
        assertThat(with.toString() + with.toText()).doesNotContain("tok-123");
    }

    @Test
    void aDatabaseThatDoesNotAnswerFailsTheReadinessCheckAfterItsRetries() {
        app.healthy("staging");
        app.route("/api/health/ready", n -> new TestApp.Answer(503, "{\"status\":\"unavailable\"}"));

        SmokeReport report = runner.run(config().attempts(2).build());

        assertThat(report.ok()).isFalse();
        assertThat(result(report, "ready").status()).hasValue(503);
        assertThat(result(report, "ready").attempts()).isEqualTo(2);
        assertThat(report.failing()).extracting(SmokeResult::name).containsExactly("ready");
    }

    @Test
    void anUnmountedWebhookOrAMissingDashboardEndpointFails() {
        app.healthy("staging");
        app.route("/api/webhooks/email/events", n -> new TestApp.Answer(404, "{}"));
        app.route("/api/dashboard/home", n -> new TestApp.Answer(200, "<html>login</html>"));

        SmokeReport report = runner.run(config().build());

        assertThat(result(report, "webhook-email-events").message()).isEqualTo("expected HTTP 405, got 404");
        assertThat(result(report, "dashboard-home").message()).isEqualTo("the body is not JSON");
    }

    @Test
    void theSeedListCanLeaveOutBuiltInChecksTheApplicationDoesNotServe() throws IOException {
        app.healthy("staging");
        app.route("/api/dashboard/customer-success/renewal-value-report", n -> new TestApp.Answer(404, "{}"));
        Path seed = dir.resolve("smoke.json");
        Files.writeString(seed, "{\"skip_builtin\": [\"renewal-value-report\"]}");

        SmokeReport report = runner.run(config().seed(SeedList.load(seed)).build());

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(lines(report)).doesNotContain("renewal-value-report passed", "renewal-value-report failed");
        Files.writeString(seed, "{\"skip_builtin\": [\"no-such-check\"]}");
        assertThatThrownBy(() -> SeedList.load(seed)).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("\"skip_builtin\" names no built-in check: no-such-check");
    }

    @Test
    void theTestSendPostsOneLabelledMessageToTheTestRecipientAndAcceptsADryRunOrASend() {
        app.healthy("staging");
        app.route("/api/messages", n -> new TestApp.Answer(202, "{\"status\":\"dry_run\",\"recipients\":1}"));

        SmokeReport dryRun = runner.run(config().testSend("+15555550100").bearerToken(Secret.of("tok-9")).build());

        assertThat(result(dryRun, "test-send").outcome()).isEqualTo(SmokeResult.Outcome.PASSED);
        assertThat(app.posted).containsExactly("/api/messages {\"channel\":\"sms\",\"to\":[\"+15555550100\"],"
                + "\"body\":\"sosops-env smoke test\",\"label\":\"test-data\"}");
        assertThat(app.authorizations).contains("/api/messages Bearer tok-9");

        app.route("/api/messages", n -> new TestApp.Answer(403, "{\"error\":\"recipient-not-allowlisted\"}"));
        assertThat(result(runner.run(config().testSend("+15555550199").build()), "test-send").message())
                .isEqualTo("expected HTTP 2xx, got 403");
        app.route("/api/messages", n -> new TestApp.Answer(200, "{\"status\":\"refused\"}"));
        assertThat(result(runner.run(config().testSend("ops@example.org").build()), "test-send").message())
                .isEqualTo("expected \"status\" dry_run, sent or queued, got \"refused\"");
    }

    @Test
    void aSendThatFailsOnTheServerIsNeverRepeated() {
        app.healthy("staging");
        app.route("/api/messages", n -> new TestApp.Answer(502, "{\"error\":\"send_failed\"}"));

        SmokeReport report = runner.run(config().attempts(3).testSend("+15555550100").build());

        assertThat(result(report, "test-send").failed()).isTrue();
        assertThat(app.calls("/api/messages")).isEqualTo(1);
    }

    @Test
    void aMalformedSeedListNamesTheFile() throws IOException {
        Path seed = dir.resolve("smoke.json");
        Files.writeString(seed, "{\"checks\": [{\"name\": \"x\", \"path\": \"no-slash\"}]}");
        assertThatThrownBy(() -> SeedList.read(seed)).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("smoke.json: check 0 needs a \"name\" and a \"path\" starting with /");
    }
}
