package org.sosops.env.webhooks.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.jdbc.Database;

class FailureStoreTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    static FailureRecord failure(String requestId, Instant at) {
        return new FailureRecord(UUID.randomUUID().toString(), requestId, "/api/webhooks/twilio/inbound", "twilio",
                "signature-mismatch: the signature does not match", at,
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded"),
                        "X-Twilio-Signature", List.of("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
                        "Authorization", List.of("Basic dXNlcjpwYXNz"),
                        "I-Twilio-Idempotency-Token", List.of("abc")),
                ("MessageSid=SM" + requestId + "&Body=hi").getBytes(StandardCharsets.UTF_8),
                Optional.of("203.0.113.5"), Optional.empty());
    }

    /** Lets every record through unverified: these tests are about storage, FailureReplayTest about verification. */
    private static final FailureReplay ANY = FailureReplay.of(r -> Optional.of(new AcceptAll()), true);

    private static final class AcceptAll implements org.sosops.env.webhooks.verify.WebhookVerifier {
        @Override
        public String provider() {
            return "twilio";
        }

        @Override
        public org.sosops.env.webhooks.verify.Verification verify(org.sosops.env.webhooks.request.WebhookRequest request) {
            return org.sosops.env.webhooks.verify.Verification.verified("twilio");
        }
    }

    @Test
    void recordsKeepOnlyAllowListedHeadersAndTheSignatureApart() {
        FailureRecord record = failure("r1", T0);
        assertThat(record.headers()).containsOnlyKeys("content-type", "i-twilio-idempotency-token");
        assertThat(record.signingHeaders()).containsOnlyKeys("x-twilio-signature");
    }

    @Test
    void postgresqlStoreListsReplaysAndExpiresRecords() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("failures")) {
            exercise(JdbcFailureStore.open(Database.fromUrl(db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://postgres@"))));
        }
    }

    @Test
    void embeddedH2StoreBehavesTheSame(@TempDir Path dir) throws Exception {
        exercise(JdbcFailureStore.open(Database.embedded(dir)));
    }

    @Test
    void aPostgresqlTableOfTheFirstReleaseGetsTheNewColumnsAndItsRowsNeverReplay() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("failuresmigrate")) {
            migrateFirstReleaseTable(Database.fromUrl(db.databaseUrl()), "BYTEA", "TEXT");
        }
    }

    @Test
    void anH2TableOfTheFirstReleaseGetsTheNewColumnsToo(@TempDir Path dir) throws Exception {
        migrateFirstReleaseTable(Database.embedded(dir), "VARBINARY", "CLOB");
    }

    private static void migrateFirstReleaseTable(Database database, String binary, String text) throws Exception {
        try (java.sql.Connection c = database.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sosops_webhook_failures (id VARCHAR(36) PRIMARY KEY, request_id VARCHAR(128) NOT NULL,"
                    + " endpoint VARCHAR(512) NOT NULL, provider VARCHAR(32) NOT NULL, reason VARCHAR(1024) NOT NULL,"
                    + " received_at TIMESTAMP WITH TIME ZONE NOT NULL, headers " + text + " NOT NULL, body " + binary
                    + " NOT NULL, source_address VARCHAR(64), replayed_at TIMESTAMP WITH TIME ZONE)");
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO sosops_webhook_failures"
                    + " (id, request_id, endpoint, provider, reason, received_at, headers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, "old-1");
                insert.setString(2, "req-old");
                insert.setString(3, "/api/webhooks/twilio/status");
                insert.setString(4, "twilio");
                insert.setString(5, "processing-failed: X");
                insert.setTimestamp(6, java.sql.Timestamp.from(T0));
                insert.setString(7, "{\":query\":[\"a=1\"],\"x-hook-key\":[\"hook-key-4f9d2a\"],"
                        + "\"content-type\":[\"application/x-www-form-urlencoded\"]}");
                insert.setBytes(8, "MessageSid=SMold".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
        }
        JdbcFailureStore store = JdbcFailureStore.open(database);
        JdbcFailureStore.open(database); // a second open finds the table current and changes nothing
        try (java.sql.Connection c = database.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet row = s.executeQuery("SELECT headers FROM sosops_webhook_failures WHERE id = 'old-1'")) {
            assertThat(row.next()).isTrue();
            // The first release stored a custom token header in clear; the upgrade scrubs it from the row.
            assertThat(row.getString(1)).doesNotContain("hook-key-4f9d2a").contains("content-type");
        }
        FailureRecord old = store.find("old-1").orElseThrow();
        assertThat(old.refused()).isTrue();
        assertThat(old.truncated()).isFalse();
        assertThat(old.signingHeaders()).isEmpty();
        assertThat(old.rawQuery()).contains("a=1");   // moved from the first release's ":query" pseudo-header
        FailureReplay strict = FailureReplay.of(r -> Optional.of(
                org.sosops.env.webhooks.verify.TwilioSignatureVerifier.withAuthToken(
                        org.sosops.env.core.secret.Secret.of("5f0e1d2c3b4a59687766554433221100"),
                        java.net.URI.create("https://ops.example.org"))), true);
        assertThat(store.replay("old-1", strict, (f, request) -> { }, T0)).isInstanceOfSatisfying(ReplayResult.Skipped.class,
                skipped -> assertThat(skipped.reason()).contains("missing-signature"));
        store.record(failure("new", T0));
        FailureRecord fresh = store.list(10).stream().filter(r -> r.requestId().equals("new")).findFirst().orElseThrow();
        assertThat(store.replay(fresh.id(), strict, (f, request) -> { }, T0)).isInstanceOf(ReplayResult.Skipped.class);
    }

    private static void exercise(FailureStore store) throws Exception {
        FailureRecord old = failure("old", T0.minusSeconds(86_400 * 40));
        FailureRecord recent = failure("recent", T0);
        store.record(old);
        store.record(recent);
        store.record(recent);
        assertThat(store.list(10)).extracting(FailureRecord::requestId).containsExactly("recent", "old");
        FailureRecord read = store.find(recent.id()).orElseThrow();
        assertThat(read.body()).isEqualTo(recent.body());
        assertThat(read.headers()).containsOnlyKeys("content-type", "i-twilio-idempotency-token");
        assertThat(read.signingHeaders()).containsEntry("x-twilio-signature", List.of("RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        assertThat(read.refused()).isTrue();
        assertThat(read.truncated()).isFalse();
        assertThat(read.sourceAddress()).contains("203.0.113.5");
        assertThat(read.replayed()).isFalse();

        List<String> processed = new ArrayList<>();
        ReplayResult replayed = store.replay(recent.id(), ANY,
                (f, request) -> processed.add(new String(request.body(), StandardCharsets.UTF_8)), T0.plusSeconds(60));
        assertThat(processed).containsExactly("MessageSid=SMrecent&Body=hi");
        assertThat(replayed).isInstanceOfSatisfying(ReplayResult.Replayed.class, r -> assertThat(r.record().replayed()).isTrue());
        assertThat(store.find(recent.id()).orElseThrow().replayedAt()).contains(T0.plusSeconds(60));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.replay(old.id(), ANY, (f, request) -> {
            throw new IllegalStateException("handler down");
        }, T0)).isInstanceOf(IllegalStateException.class).hasMessage("handler down");
        assertThat(store.find(old.id()).orElseThrow().replayed()).isFalse();
        assertThat(store.replay("no-such-id", ANY, (f, request) -> { }, T0)).isEqualTo(new ReplayResult.NotFound("no-such-id"));

        assertThat(store.deleteReceivedBefore(T0.minusSeconds(86_400 * 30))).isEqualTo(1);
        assertThat(store.list(10)).extracting(FailureRecord::requestId).containsExactly("recent");
    }
}
