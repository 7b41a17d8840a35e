package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureRetention;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.JdbcFailureStore;
import org.sosops.env.webhooks.failures.ReplayResult;
import org.sosops.env.webhooks.jdbc.Database;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.StandardWebhooksVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

/**
 * Tries to launder a forgery through the failure store: store a refused request, then get replay
 * to hand it to the handler — directly, with {@code includeRefused}, after tampering with the
 * stored row, after the secret changed. Each attempt must end as {@link ReplayResult.Skipped}
 * with the handler never called; genuine failures must still replay. Real PostgreSQL.
 */
class FailureReplayAttackTest {
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221100";
    private static final String ROTATED = "00112233445566778899aabbccddeeff";
    private static final String APP_URL = "https://ops.example.org";
    private static final String PATH = WebhookGuards.TWILIO_STATUS;
    private static final String STANDARD = "/hooks/standard";
    private static final String WHSEC = "whsec_" + Base64.getEncoder().encodeToString("a-standard-webhooks-key".getBytes(StandardCharsets.UTF_8));

    private ScratchDatabase db;
    private FailureStore store;
    private MutableClock clock;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final WebhookHandler recording = (request, requestId) -> handled.add(new String(request.body(), StandardCharsets.UTF_8));
    private final WebhookHandler failing = (request, requestId) -> {
        throw new IllegalStateException("the application's database is down");
    };

    @BeforeEach
    void setUp() {
        db = ScratchDatabase.create("replayattack");
        store = JdbcFailureStore.open(Database.fromUrl(db.databaseUrl()));
        clock = MutableClock.at(1_800_000_000L);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private WebhookGuard guard(String token) {
        return WebhookGuard.builder().environment("staging").strict(true).clock(clock).failureStore(store)
                .endpoint(PATH, TwilioSignatureVerifier.withAuthToken(Secret.of(token), URI.create(APP_URL)),
                        SourceAllowlist.parse("203.0.113.0/24"))
                .endpoint(STANDARD, StandardWebhooksVerifier.withSecret(Secret.of(WHSEC), clock))
                .build();
    }

    private static WebhookRequest twilio(String body, String signature, String source) throws Exception {
        return WebhookRequest.builder("POST", PATH).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).header("X-Hook-Key", "hook-key-4f9d2a")
                .header("Authorization", "Bearer staff-token-77c1").header("Cookie", "session=cookie-secret-19ab")
                .header("X-Webhook-Token", "postmark-token-5e8c").header("User-Agent", "TwilioProxy/1.1")
                .body(body.getBytes(StandardCharsets.UTF_8)).sourceAddress(InetAddress.getByName(source)).build();
    }

    private static String genuine(String body) throws Exception {
        return WebhookGuardTest.sign(TOKEN, APP_URL + PATH, body);
    }

    private FailureRecord only() {
        List<FailureRecord> all = store.list(10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void aForgedRequestRefusedAndStoredIsNeverHandedToTheHandlerWithOrWithoutIncludeRefused() throws Exception {
        WebhookGuard guard = guard(TOKEN);
        String body = "MessageSid=SMforged&MessageStatus=delivered";
        assertThat(guard.handle(twilio(body, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "203.0.113.9"), recording).status()).isEqualTo(403);
        FailureRecord forged = only();
        assertThat(forged.refused()).isTrue();

        assertThat(guard.replay(forged.id(), recording)).isInstanceOfSatisfying(ReplayResult.Skipped.class,
                s -> assertThat(s.reason()).contains("--include-refused"));
        assertThat(guard.replay(forged.id(), recording, true)).isInstanceOfSatisfying(ReplayResult.Skipped.class,
                s -> assertThat(s.reason()).contains("does not verify now").contains("signature-mismatch"));
        assertThat(handled).isEmpty();
        assertThat(store.find(forged.id()).orElseThrow().replayed()).isFalse();

        // Someone with write access flips the stored verdict from refused to failed: the signature still decides.
        try (Connection c = db.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE " + JdbcFailureStore.TABLE + " SET refused = FALSE WHERE id = ?")) {
            update.setString(1, forged.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(guard.replay(forged.id(), recording)).isInstanceOfSatisfying(ReplayResult.Skipped.class,
                s -> assertThat(s.reason()).contains("does not verify now"));
        assertThat(handled).isEmpty();
    }

    @Test
    void aGenuineRequestThatFailedInProcessingReplaysAfterReVerificationAndOnlyOnce() throws Exception {
        WebhookGuard guard = guard(TOKEN);
        String body = "MessageSid=SMgenuine&MessageStatus=delivered";
        assertThat(guard.handle(twilio(body, genuine(body), "203.0.113.9"), failing).status()).isEqualTo(500);
        FailureRecord failed = only();
        assertThat(failed.refused()).isFalse();
        assertThat(failed.signingHeaders()).containsKey("x-twilio-signature");

        clock.advance(Duration.ofDays(3));
        assertThat(guard.replay(failed.id(), recording)).isInstanceOf(ReplayResult.Replayed.class);
        assertThat(handled).containsExactly(body);
        assertThat(guard.replay(failed.id(), recording)).isInstanceOfSatisfying(ReplayResult.Skipped.class,
                s -> assertThat(s.reason()).contains("already replayed"));
        assertThat(handled).hasSize(1);
    }

    @Test
    void aGenuineRequestRefusedForItsSourceReplaysOnlyWithIncludeRefused() throws Exception {
        WebhookGuard guard = guard(TOKEN);
        String body = "MessageSid=SMsource&MessageStatus=sent";
        assertThat(guard.handle(twilio(body, genuine(body), "198.51.100.7"), recording).status()).isEqualTo(403);
        FailureRecord refused = only();
        assertThat(refused.reason()).startsWith("source-not-allowed");

        assertThat(guard.replay(refused.id(), recording)).isInstanceOf(ReplayResult.Skipped.class);
        assertThat(handled).isEmpty();
        assertThat(guard.replay(refused.id(), recording, true)).isInstanceOf(ReplayResult.Replayed.class);
        assertThat(handled).containsExactly(body);
    }

    @Test
    void aTamperedStoredBodyOrSignatureFailsReVerification() throws Exception {
        WebhookGuard guard = guard(TOKEN);
        String body = "MessageSid=SMtamper&MessageStatus=delivered";
        assertThat(guard.handle(twilio(body, genuine(body), "203.0.113.9"), failing).status()).isEqualTo(500);
        FailureRecord failed = only();
        String otherBody = "MessageSid=SMother&MessageStatus=delivered";
        String otherSignature = genuine(otherBody);

        try (Connection c = db.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE " + JdbcFailureStore.TABLE + " SET body = ? WHERE id = ?")) {
            update.setBytes(1, "MessageSid=SMtamper&MessageStatus=undelivered".getBytes(StandardCharsets.UTF_8));
            update.setString(2, failed.id());
            update.executeUpdate();
        }
        assertThat(guard.replay(failed.id(), recording)).isInstanceOfSatisfying(ReplayResult.Skipped.class,
                s -> assertThat(s.reason()).contains("does not verify now"));

        // A genuine signature of another request pasted next to this body does not verify either.
        try (Connection c = db.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE " + JdbcFailureStore.TABLE + " SET body = ?, signing_headers = ? WHERE id = ?")) {
            update.setBytes(1, body.getBytes(StandardCharsets.UTF_8));
            update.setString(2, "{\"x-twilio-signature\":[\"" + otherSignature + "\"]}");
            update.setString(3, failed.id());
            update.executeUpdate();
        }
        assertThat(guard.replay(failed.id(), recording)).isInstanceOf(ReplayResult.Skipped.class);
        // Flipping the stored verdict from refused to failed changes nothing: the signature still decides.
        assertThat(handled).isEmpty();
    }

    @Test
    void afterTheSecretIsRotatedAStoredRequestMustVerifyAgainstTheCurrentSecret() throws Exception {
        String body = "MessageSid=SMrotate&MessageStatus=delivered";
        assertThat(guard(TOKEN).handle(twilio(body, genuine(body), "203.0.113.9"), failing).status()).isEqualTo(500);
        FailureRecord failed = only();
        assertThat(guard(ROTATED).replay(failed.id(), recording, true)).isInstanceOf(ReplayResult.Skipped.class);
        assertThat(handled).isEmpty();
        assertThat(guard(TOKEN).replay(failed.id(), recording)).isInstanceOf(ReplayResult.Replayed.class);
    }

    @Test
    void timestampsAreJudgedAsOfArrivalSoAStaleSignatureStaysRefusedAndAFreshOneReplaysLater() throws Exception {
        WebhookGuard guard = guard(TOKEN);
        long now = clock.instant().getEpochSecond();
        String fresh = "{\"type\":\"message.delivered\",\"id\":\"fresh\"}";
        assertThat(guard.handle(standard("msg_fresh", now, fresh), failing).status()).isEqualTo(500);
        String stale = "{\"type\":\"message.delivered\",\"id\":\"stale\"}";
        assertThat(guard.handle(standard("msg_stale", now - 3600, stale), recording).status()).isEqualTo(403);

        clock.advance(Duration.ofDays(2));
        List<FailureRecord> records = store.list(10);
        FailureRecord failed = records.stream().filter(r -> !r.refused()).findFirst().orElseThrow();
        FailureRecord refused = records.stream().filter(FailureRecord::refused).findFirst().orElseThrow();
        assertThat(refused.reason()).startsWith("timestamp-out-of-window");

        assertThat(guard.replay(refused.id(), recording, true)).isInstanceOf(ReplayResult.Skipped.class);
        assertThat(guard.replay(failed.id(), recording)).isInstanceOf(ReplayResult.Replayed.class);
        assertThat(handled).containsExactly(fresh);
    }

    private static WebhookRequest standard(String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(WHSEC.substring(6)), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return WebhookRequest.builder("POST", STANDARD).header("Content-Type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + signature).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void customTokenHeadersAuthorizationAndCookiesAreNeverStoredInTheDatabaseRow() throws Exception {
        WebhookGuard guard = guard(TOKEN);
        String body = "MessageSid=SMsecret&MessageStatus=delivered";
        guard.handle(twilio(body, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "203.0.113.9"), recording);
        guard.handle(twilio(body, genuine(body), "203.0.113.9"), failing);
        StringBuilder rows = new StringBuilder();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + JdbcFailureStore.TABLE)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                for (int i = 1; i <= columns; i++) {
                    Object value = r.getObject(i);
                    rows.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value).append('|');
                }
                rows.append('\n');
            }
        }
        assertThat(rows.toString()).contains("x-twilio-signature", "TwilioProxy/1.1")
                .doesNotContain("hook-key-4f9d2a", "staff-token-77c1", "cookie-secret-19ab", "postmark-token-5e8c")
                .doesNotContainIgnoringCase("x-hook-key").doesNotContainIgnoringCase("authorization")
                .doesNotContainIgnoringCase("cookie");
    }

    @Test
    void aRefusedBodyOverTheCapIsCutFlaggedAndNeverReplayedWhileAFailedOneIsKeptWhole() throws Exception {
        WebhookGuard guard = WebhookGuard.builder().environment("staging").strict(true).clock(clock).failureStore(store)
                .endpoint(PATH, TwilioSignatureVerifier.withAuthToken(Secret.of(TOKEN), URI.create(APP_URL)))
                .refusedBodyCap(1024).build();
        String big = "MessageSid=SMbig&MessageStatus=delivered&Body=" + "x".repeat(5000);
        guard.handle(twilio(big, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "203.0.113.9"), recording);
        FailureRecord refused = only();
        assertThat(refused.truncated()).isTrue();
        assertThat(refused.body()).hasSize(1024);
        assertThat(guard.replay(refused.id(), recording, true)).isInstanceOfSatisfying(ReplayResult.Skipped.class,
                s -> assertThat(s.reason()).contains("truncated"));

        guard.handle(twilio(big, genuine(big), "203.0.113.9"), failing);
        FailureRecord failed = store.list(10).stream().filter(r -> !r.refused()).findFirst().orElseThrow();
        assertThat(failed.truncated()).isFalse();
        assertThat(failed.body()).hasSize(big.length());
        assertThat(guard.replay(failed.id(), recording)).isInstanceOf(ReplayResult.Replayed.class);
        assertThat(handled).containsExactly(big);
    }

    @Test
    void purgeRemovesOnlyRecordsOlderThanTheRetention() throws Exception {
        WebhookGuard guard = guard(TOKEN);
        guard.handle(twilio("MessageSid=SMold&MessageStatus=sent", "AAAA", "203.0.113.9"), recording);
        clock.advance(Duration.ofDays(29));
        guard.handle(twilio("MessageSid=SMnew&MessageStatus=sent", "AAAA", "203.0.113.9"), recording);
        clock.advance(Duration.ofDays(2));
        assertThat(FailureRetention.parse("30d").purge(store, clock)).isEqualTo(1);
        assertThat(store.list(10)).singleElement().satisfies(r ->
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("SMnew"));
        assertThat(FailureRetention.parse("30d").purge(store, clock)).isZero();
    }
}
