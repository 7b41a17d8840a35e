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
