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

    @Test
    void aHealthyApplicationPassesAndTheOrganizationCheckWaitsForAnOrganizationId() {
        app.healthy("staging");

        SmokeReport report = runner.run(config().build());

        assertThat(report.ok()).isTrue();
        assertThat(lines(report)).containsExactly("health passed", "resolved-flags passed", "organization-flags skipped");
        assertThat(waits).isEmpty();
    }

    @Test
    void withAnOrganizationIdItsFlagsAreChecked() {
        app.healthy("staging");

        SmokeReport report = runner.run(config().organizationId("org_123").expectEnvironment("staging").build());

        assertThat(lines(report)).containsExactly("health passed", "resolved-flags passed", "organization-flags passed");
    }

    @Test
    void aServerErrorIsRetriedWithDoublingBackOff() {
        app.healthy("staging");
        app.route("/api/dashboard/feature-flags/resolved", n -> n < 3 ? new TestApp.Answer(503, "{}")
                : new TestApp.Answer(200, "{\"flags\":{}}"));

        SmokeReport report = runner.run(config().attempts(3).build());

        assertThat(report.ok()).isTrue();
        assertThat(report.results().get(1).attempts()).isEqualTo(3);
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

        assertThat(report.results()).extracting(SmokeResult::message)
                .containsExactly("expected \"status\": \"ok\", got \"degraded\"", "expected HTTP 200, got 401",
                        "needs an organization id (--organization-id)");
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

        assertThat(report.results().get(1).message()).isEqualTo("no answer within 300 ms");
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
        assertThat(lines(with)).containsExactly("health passed", "resolved-flags passed", "organization-flags passed",
                "org-lists passed");
        assertThat(app.authorizations).contains("/api/health -", "/api/organizations/org_123/lists Bearer tok-123");
        assertThat(with.toString() + with.toText()).doesNotContain("tok-123");
    }

    @Test
    void aMalformedSeedListNamesTheFile() throws IOException {
        Path seed = dir.resolve("smoke.json");
        Files.writeString(seed, "{\"checks\": [{\"name\": \"x\", \"path\": \"no-slash\"}]}");
        assertThatThrownBy(() -> SeedList.read(seed)).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("smoke.json: check 0 needs a \"name\" and a \"path\" starting with /");
    }
}
