package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.request.WebhookRequest;

class WebhookGuardsTest {
    private static final String SENDGRID_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";

    private static EnvironmentPolicy policy(Map<String, String> variables) {
        return EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(variables)
                .rules(RuleEngine.of(List.of())).load();
    }

    private static Map<String, String> base(String env, Path dir) {
        Map<String, String> v = new HashMap<>();
        v.put("APP_ENV", env);
        v.put("APP_URL", "https://ops.example.org");
        v.put("SOSOPS_WEBHOOK_DATA_DIR", dir.toString());
        return v;
    }

    @Test
    void localWithoutSecretsStartsWithUnsignedEndpointsAndTheEmbeddedStore(@TempDir Path dir) {
        WebhookGuard guard = WebhookGuards.fromPolicy(policy(base("local", dir)));
        assertThat(guard.paths()).containsExactly("/api/webhooks/email/events", "/api/webhooks/twilio/inbound",
                "/api/webhooks/twilio/status");
        assertThat(guard.handle(WebhookRequest.builder("POST", "/api/webhooks/twilio/inbound").build(), (r, id) -> { })
                .status()).isEqualTo(200);
        assertThat(guard.failures().toString()).contains("H2");
    }

    @Test
    void devRefusesToStartWithoutTheEmailSigningSecret(@TempDir Path dir) {
        Map<String, String> v = base("dev", dir);
        v.put("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100");
        v.put("EMAIL_PROVIDER", "sendgrid");
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v)))
                .isInstanceOf(WebhookConfigurationException.class)
                .hasMessageContaining("EMAIL_WEBHOOK_SIGNING_SECRET").hasMessageContaining("dev")
                .hasMessageNotContaining("5f0e1d2c3b4a59687766554433221100");
    }

    @Test
    void aBadSettingIsAStartUpErrorNamingIt(@TempDir Path dir) {
        Map<String, String> v = base("local", dir);
        v.put("SOSOPS_WEBHOOK_RATE_LIMIT", "lots");
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).hasMessageContaining("SOSOPS_WEBHOOK_RATE_LIMIT");
        Map<String, String> w = base("local", dir);
        w.put("EMAIL_WEBHOOK_SIGNING_SECRET", "not-a-key");
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(w))).hasMessageContaining("EMAIL_WEBHOOK_SIGNING_SECRET")
                .hasMessageNotContaining("not-a-key");
    }

    @Test
    void aMalformedAlertUrlIsOneLineNamingTheVariableNeverItsValue(@TempDir Path dir) {
        // Chat webhook URLs carry their secret in the path; the guard starts in staging only with a
        // usable one, and the refusal must not quote it.
        for (String bad : List.of("https://hooks.example.org/services/T0/B0/sEcReT-PaTh with blank",
                "ftp://hooks.example.org/services/sEcReT-PaTh", "hooks.example.org/services/sEcReT-PaTh",
                "https:///services/sEcReT-PaTh")) {
            Map<String, String> v = base("staging", dir);
            v.put("SOSOPS_WEBHOOK_ALERT_URL", bad);
            assertThatThrownBy(() -> WebhookGuards.alertUrl(bad))
                    .isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("SOSOPS_WEBHOOK_ALERT_URL is not an absolute http(s) URL")
                    .hasMessageNotContaining("sEcReT").hasNoCause();
        }
        assertThat(WebhookGuards.alertUrl("https://hooks.example.org/services/T0/B0/x").getHost())
                .isEqualTo("hooks.example.org");
        assertThat(WebhookGuards.alertUrl(" HTTP://hooks.example.org:8080/services/x ").getPort()).isEqualTo(8080);
    }

    @Test
    void aMalformedPostmarkAllowlistIsNamedAsItselfNotAsTheSigningSecret(@TempDir Path dir) {
        Map<String, String> v = base("local", dir);
        v.put("EMAIL_PROVIDER", "postmark");
        v.put("EMAIL_WEBHOOK_SIGNING_SECRET", "a-postmark-shared-token-9f8e7d");
        v.put("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST", "not-an-address");
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v)))
                .isInstanceOf(WebhookConfigurationException.class)
                .hasMessageStartingWith("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST")
                .hasMessageNotContaining("a-postmark-shared-token-9f8e7d");
    }

    @Test
    void stagingVerifiesSendGridAndStoresFailuresInTheSharedPostgresql(@TempDir Path dir) {
        try (ScratchDatabase db = ScratchDatabase.create("guards")) {
            Map<String, String> v = base("staging", dir);
            v.put("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100");
            v.put("EMAIL_PROVIDER", "sendgrid");
            v.put("EMAIL_WEBHOOK_SIGNING_SECRET", SENDGRID_KEY);
            v.put("DATABASE_URL", db.databaseUrl());
            v.put("SOSOPS_WEBHOOK_RATE_LIMIT", "100/1m");
            WebhookGuard guard = WebhookGuards.fromPolicy(policy(v), MutableClock.at(1588788367L));
            byte[] body = "{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}"
                    .getBytes(StandardCharsets.UTF_8);
            WebhookRequest.Builder events = WebhookRequest.builder("POST", WebhookGuards.EMAIL_EVENTS)
                    .header("Content-Type", "application/json")
                    .header("X-Twilio-Email-Event-Webhook-Timestamp", "1588788367").body(body);
            WebhookRequest good = events.header("X-Twilio-Email-Event-Webhook-Signature",
                    "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=").build();
            assertThat(guard.handle(good, (r, id) -> { }).status()).isEqualTo(200);

            WebhookRequest unsigned = WebhookRequest.builder("POST", WebhookGuards.TWILIO_INBOUND)
                    .header("Content-Type", "application/x-www-form-urlencoded").body("From=%2B1".getBytes()).build();
            assertThat(guard.handle(unsigned, (r, id) -> { }).status()).isEqualTo(403);
            List<FailureRecord> stored = JdbcFailureStore.open(Database.fromUrl(db.databaseUrl())).list(10);
            assertThat(stored).singleElement().satisfies(f -> {
                assertThat(f.reason()).startsWith("missing-signature");
                // Far below the default cap of 16 KiB: kept whole.
                assertThat(f.body()).isEqualTo("From=%2B1".getBytes());
                assertThat(f.truncated()).isFalse();
            });

            // Seen ids live in the shared database: another instance of the fleet knows the delivery.
            try (WebhookGuard other = WebhookGuards.fromPolicy(policy(v), MutableClock.at(1588788367L))) {
                assertThat(other.handle(good, (r, id) -> { }).outcome()).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
            }
            guard.close();
        }
    }

    @Test
    void aGuardThatRefusesToStartClosesThePoolItOpened(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("refusedstart")) {
            Map<String, String> v = base("local", dir);
            v.put("DATABASE_URL", db.databaseUrl());
            v.put("SOSOPS_WEBHOOK_RATE_LIMIT", "lots");
            assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("SOSOPS_WEBHOOK_RATE_LIMIT");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (poolSessions(db) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(poolSessions(db)).as("connections of the guard's pool left open").isZero();
        }
    }

    @Test
    void aGuardWhoseFailureTableIsUnusableRefusesToStartAndClosesThePoolItOpened(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("brokentable")) {
            try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
                // A view under the table's name: CREATE TABLE IF NOT EXISTS skips it, adding columns fails.
                s.execute("CREATE VIEW " + JdbcFailureStore.TABLE + " AS SELECT 1 AS id");
            }
            Map<String, String> v = base("local", dir);
            v.put("DATABASE_URL", db.databaseUrl());
            assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v))).isInstanceOf(WebhookConfigurationException.class)
                    .hasMessageStartingWith("the webhook failure store is unusable (its database answers): ")
                    .hasMessageContaining(JdbcFailureStore.TABLE);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (poolSessions(db) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(poolSessions(db)).as("connections of the guard's pool left open").isZero();
        }
    }

    private static int poolSessions(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement count = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = 'sosops-env-webhooks'")) {
            count.setString(1, db.name());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void prodRefusesThePostmarkTokenPathWithoutItsAllowlist(@TempDir Path dir) {
        Map<String, String> v = base("prod", dir);
        v.put("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100");
        v.put("EMAIL_PROVIDER", "postmark");
        v.put("EMAIL_WEBHOOK_SIGNING_SECRET", "postmark-shared-token-value");

        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v)))
                .isInstanceOf(WebhookConfigurationException.class)
                .hasMessageContaining("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST")
                .hasMessageNotContaining("postmark-shared-token-value")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aLegacyOrNamedCidrEntryIsAStartUpErrorNamingTheVariableAndTheEntry(@TempDir Path dir) {
        Map<String, String> v = base("staging", dir);
        v.put("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100");
        v.put("EMAIL_PROVIDER", "postmark");
        v.put("EMAIL_WEBHOOK_SIGNING_SECRET", "postmark-shared-token-value");
        v.put("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST", "3.134.147.250/32 50.31.156/24");
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(v)))
                .hasMessageStartingWith("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST: entry 2 ('50.31.156/24')");

        Map<String, String> w = base("local", dir);
        w.put("SOSOPS_TRUSTED_PROXIES", "10.0.0.0/8, deadbeef");
        assertThatThrownBy(() -> WebhookGuards.fromPolicy(policy(w)))
                .hasMessageStartingWith("SOSOPS_TRUSTED_PROXIES: entry 2 ('deadbeef')");
    }
}
