package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.testing.environment.FakeEnvironment;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;

/**
 * Two instances in dev behind one PostgreSQL database, as behind a load balancer: the rate limit
 * holds for the pair, and failure records land in PostgreSQL.
 */
class SharedPostgresTest {
    private static final String APP_URL = "https://dev-ops.example.org";

    @TempDir
    Path dir;
    private ScratchDatabase database;
    private FakeEnvironment dev;

    @BeforeEach
    void createDatabase() {
        database = ScratchDatabase.create("refapp");
        dev = FakeEnvironment.builder(AppEnv.DEV).set("DATABASE_URL", database.databaseUrl()).set("APP_URL", APP_URL)
                .build();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void theRateLimitHoldsForTwoInstancesSharingTheDatabase() throws Exception {
        try (ReferenceApp a = start("a", "6/1m"); ReferenceApp b = start("b", "6/1m")) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add(WebhooksHttpTest.send(i % 2 == 0 ? a : b, "/api/webhooks/twilio/status",
                        signedStatus(i)).statusCode());
            }

            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(6);
            assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(6);
        }
    }

    @Test
    void unsignedWebhooksAreRefusedInDevAndRecordedInPostgresql() throws Exception {
        try (ReferenceApp app = start("a", "1000/1s")) {
            HttpResponse<String> response = ReferenceAppHttpTest.send(HttpRequest.newBuilder(
                            app.baseUri().resolve("/api/webhooks/twilio/inbound"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1&Body=hi")));

            assertThat(response.statusCode()).isEqualTo(403);
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT request_id, endpoint FROM sosops_webhook_failures")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(requestId);
                assertThat(rows.getString(2)).isEqualTo("/api/webhooks/twilio/inbound");
            }
        }
    }

    private ReferenceApp start(String name, String rateLimit) throws Exception {
        Map<String, String> variables = new HashMap<>(dev.asMap());
        variables.put("PORT", "0");
        variables.put("SOSOPS_BIND_ADDRESS", "127.0.0.1");
        variables.put("LOG_LEVEL", "warn");
        variables.put("SOSOPS_WEBHOOK_RATE_LIMIT", rateLimit);
        variables.put("SOSOPS_WEBHOOK_DATA_DIR", dir.resolve(name).toString());
        EnvironmentPolicy policy = EnvironmentPolicy.loader().processEnvironment(variables).ignoreProcessSettings()
                .register(register()).load();
        return ReferenceApp.start(policy);
    }

    private SignedWebhook signedStatus(int i) {
        Secret token = dev.secret("TWILIO_AUTH_TOKEN").orElseThrow();
        return TwilioSigner.withAuthToken(token).signForm(APP_URL + "/api/webhooks/twilio/status",
                List.of(Map.entry("MessageSid", "SM%032d".formatted(i)), Map.entry("MessageStatus", "delivered")));
    }

    /** The scratch database is not sos_ops_dev: waived through the exception register, as a team would. */
    private Path register() throws Exception {
        Path file = dir.resolve("RISKS_DECISIONS.md");
        LocalDate today = LocalDate.now();
        Files.writeString(file, "## TEST-1 Scratch database for this test\n\n- Rule: database-separation\n"
                + "- Environment: dev\n- Rationale: a throw-away database per test run\n- Expires: " + today.plusDays(1)
                + "\n- Rollback plan: the test drops the database\n- Approved by: the test suite (" + today + ")\n");
        return file;
    }
}
