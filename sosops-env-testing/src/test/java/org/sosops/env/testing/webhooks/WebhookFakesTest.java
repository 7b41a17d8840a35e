package org.sosops.env.testing.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookResponse;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureStoreException;
import org.sosops.env.webhooks.failures.SpoolingFailureStore;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;

class WebhookFakesTest {

    private static FailureRecord record(String id, Instant at) {
        return new FailureRecord(id, "req-" + id, "/api/webhooks/email/events", "postmark", "token-mismatch: x", at,
                Map.of("X-Webhook-Token", List.of("guess"), "Content-Type", List.of("application/json")),
                "{}".getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty());
    }

    @Test
    void theGuardStoresAndAlertsThroughTheFakes() {
        InMemoryFailureStore failures = new InMemoryFailureStore();
        RecordingAlertSink alerts = new RecordingAlertSink();
        WebhookGuard guard = WebhookGuard.builder().environment("prod").strict(true)
                .endpoint("/api/webhooks/email/events", PostmarkTokenVerifier.withToken(org.sosops.env.core.secret.Secret.of("right-token")))
                .failureStore(failures).alertSink(alerts).build();
        WebhookResponse answer = guard.handle(WebhookRequest.builder("POST", "/api/webhooks/email/events")
                .header("X-Webhook-Token", "wrong-token").body("{}".getBytes(StandardCharsets.UTF_8)).build(), (r, id) -> { });
        assertThat(answer.status()).isEqualTo(403);
        assertThat(failures.all()).singleElement().satisfies(f -> {
            assertThat(f.reason()).startsWith("token-mismatch");
            assertThat(f.headers()).doesNotContainKey("x-webhook-token");
        });
        assertThat(alerts.reasons()).containsExactly("token-mismatch");
    }

    @Test
    void theInMemoryStoreKeepsTheStoreContract() throws Exception {
        InMemoryFailureStore store = new InMemoryFailureStore();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        store.record(record("a", t.minusSeconds(3600)));
        store.record(record("b", t));
        store.record(record("b", t));
        assertThat(store.list(10)).extracting(FailureRecord::id).containsExactly("b", "a");
        assertThat(store.markReplayed("a", t)).isTrue();
        assertThat(store.find("a").orElseThrow().replayed()).isTrue();
        assertThat(store.deleteReceivedBefore(t.minusSeconds(60))).isEqualTo(1);
        assertThat(store.list(10)).extracting(FailureRecord::id).containsExactly("b");
    }

    @Test
    void anUnreachableFakeDrivesTheSpoolLikeADownDatabase(@TempDir Path dir) {
        InMemoryFailureStore target = new InMemoryFailureStore();
        SpoolingFailureStore store = new SpoolingFailureStore(target, dir.resolve("spool.jsonl"));
        target.setUnreachable(true);
        assertThatThrownBy(() -> target.list(1)).isInstanceOf(FailureStoreException.class);
        store.record(record("x", Instant.parse("2026-11-20T10:00:00Z")));
        assertThat(store.pending()).isEqualTo(1);
        target.setUnreachable(false);
        assertThat(store.flush()).isEqualTo(1);
        assertThat(target.all()).extracting(FailureRecord::id).containsExactly("x");
    }
}
