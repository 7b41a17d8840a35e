package org.sosops.env.webhooks.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.RejectReason;
import org.sosops.env.webhooks.verify.Verification;
import org.sosops.env.webhooks.verify.WebhookVerifier;

/** What a failure record keeps, how long, and when the replay rule hands it on. */
class FailureRecordRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static WebhookRequest request(String body) throws Exception {
        return WebhookRequest.builder("POST", "/api/webhooks/twilio/status").query("a=1")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", "c2lnbmF0dXJl")
                .header("Authorization", "Basic c2VjcmV0").body(body.getBytes(StandardCharsets.UTF_8))
                .sourceAddress(InetAddress.getByName("203.0.113.5")).build();
    }

    @Test
    void aRefusedRecordKeepsAtMostTheCapAndSaysItWasCut() throws Exception {
        FailureRecord atCap = FailureRecord.refused("r1", request("abcd"), "twilio", "signature-mismatch: x", T0, 4);
        FailureRecord overCap = FailureRecord.refused("r2", request("abcde"), "twilio", "signature-mismatch: x", T0, 4);

        assertThat(atCap.truncated()).isFalse();
        assertThat(new String(atCap.body(), StandardCharsets.UTF_8)).isEqualTo("abcd");
        assertThat(overCap.truncated()).isTrue();
        assertThat(new String(overCap.body(), StandardCharsets.UTF_8)).isEqualTo("abcd");
        assertThat(overCap.refused()).isTrue();
        assertThat(overCap.endpoint()).isEqualTo("/api/webhooks/twilio/status");
        assertThat(overCap.rawQuery()).contains("a=1");
        assertThat(overCap.sourceAddress()).contains("203.0.113.5");
        assertThat(overCap.headers()).containsOnlyKeys("content-type");
        assertThat(overCap.signingHeaders()).containsOnlyKeys("x-twilio-signature");
        assertThat(overCap.replayedAt()).isEmpty();
        assertThat(overCap.id()).isNotEqualTo(atCap.id());
    }

    @Test
    void aFailedRecordIsKeptWholeAndItsReasonIsCutAtAThousandCharacters() throws Exception {
        String body = "x".repeat(FailureRecord.DEFAULT_REFUSED_BODY_CAP + 1);
        FailureRecord failed = FailureRecord.failed("r1", request(body), "twilio", "processing-failed: " + "y".repeat(2000), T0);

        assertThat(failed.body()).hasSize(body.length());
        assertThat(failed.truncated()).isFalse();
        assertThat(failed.refused()).isFalse();
        assertThat(failed.reason()).hasSize(1000).startsWith("processing-failed: yyy");
        assertThat(FailureRecord.failed("r2", request("b"), "twilio", "r".repeat(1000), T0).reason()).hasSize(1000);
    }

    @Test
    void theBodyIsCopiedInAndOut() throws Exception {
        byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
        FailureRecord record = new FailureRecord("id", "req", "/x", "twilio", "processing-failed: x", T0, Map.of(), body,
                Optional.empty(), Optional.empty());
        body[0] = 'z';
        record.body()[1] = 'z';

        assertThat(new String(record.body(), StandardCharsets.UTF_8)).isEqualTo("abc");
    }

    @Test
    void theLegacyConstructorReadsTheQueryPseudoHeaderAndTheReasonDecidesRefused() {
        Map<String, List<String>> headers = Map.of(":query", List.of("bodySHA256=abc"), "Content-Type", List.of("text/plain"));
        FailureRecord refused = new FailureRecord("id", "req", "/x", "twilio", "signature-mismatch: x", T0, headers,
                new byte[0], Optional.empty(), Optional.empty());
        FailureRecord failed = new FailureRecord("id", "req", "/x", "twilio", "processing-failed: x", T0, Map.of(":query", List.of()),
                new byte[0], Optional.empty(), Optional.empty());

        assertThat(refused.rawQuery()).contains("bodySHA256=abc");
        assertThat(refused.refused()).isTrue();
        assertThat(refused.headers()).containsOnlyKeys("content-type");
        assertThat(failed.rawQuery()).isEmpty();
        assertThat(failed.refused()).isFalse();
    }

    @Test
    void recordsAreEqualByIdAndReplayState() {
        FailureRecord record = new FailureRecord("id-1", "req", "/x", "twilio", "processing-failed: x", T0, Map.of(),
                new byte[0], Optional.empty(), Optional.empty());
        FailureRecord same = new FailureRecord("id-1", "other", "/y", "sendgrid", "processing-failed: y", T0, Map.of(),
                new byte[] {1}, Optional.empty(), Optional.empty());
        FailureRecord replayed = record.withReplayedAt(T0.plusSeconds(5));

        assertThat(record).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(replayed).isNotEqualTo(record);
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.replayedAt()).contains(T0.plusSeconds(5));
        assertThat(replayed.requestId()).isEqualTo("req");
        assertThat(record).isNotEqualTo("id-1");
        assertThat(record).hasToString("FailureRecord[id-1, twilio /x, processing-failed: x, request req]");
    }

    @Test
    void storedHeadersAreAllowListedMergedByNameAndCut() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("User-Agent", List.of("TwilioProxy/1.1"));
        headers.put("user-agent", List.of("again"));
        headers.put("X-Forwarded-For", List.of("x".repeat(1500)));
        headers.put("X-Hook-Key", List.of("secret"));
        headers.put("Cookie", List.of("session=1"));
        headers.put("Accept", null);
        headers.put("Webhook-Signature", List.of("v1,abc"));

        Map<String, List<String>> kept = StoredHeaders.descriptive(headers);

        assertThat(kept).containsOnlyKeys("user-agent", "x-forwarded-for");
        assertThat(kept.get("user-agent")).containsExactly("TwilioProxy/1.1", "again");
        assertThat(kept.get("x-forwarded-for").get(0)).hasSize(1024);
        assertThat(StoredHeaders.signing(headers)).isEqualTo(Map.of("webhook-signature", List.of("v1,abc")));
        assertThat(StoredHeaders.descriptive(Map.of("Host", List.of("h".repeat(1024)))).get("host").get(0)).hasSize(1024);
    }

    @Test
    void aRetentionIsWholeDaysOrHoursAndPurgesWhatIsOlder() {
        assertThat(FailureRetention.parse(" 30d ").period()).isEqualTo(Duration.ofDays(30));
        assertThat(FailureRetention.parse("12h").period()).isEqualTo(Duration.ofHours(12));
        assertThat(FailureRetention.parse("999999h").period()).isEqualTo(Duration.ofHours(999_999));
        for (String bad : List.of("0d", "30", "30m", "1.5d", "-1d", "1000000h", "d")) {
            assertThatThrownBy(() -> FailureRetention.parse(bad)).as(bad)
                    .hasMessage("a retention is a whole number of days or hours, e.g. 30d or 12h");
        }
        assertThatThrownBy(() -> new FailureRetention(Duration.ZERO)).hasMessage("a failure retention must be positive");
        assertThatThrownBy(() -> new FailureRetention(Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(FailureRetention.parse("48h")).hasToString("2d");
        assertThat(FailureRetention.parse("36h")).hasToString("36h");
        assertThat(FailureRetention.DEFAULT).hasToString("30d");

        List<Instant> cutoffs = new ArrayList<>();
        FailureStore store = new RecordingCutoffs(cutoffs);
        assertThat(FailureRetention.parse("2d").purge(store, Clock.fixed(T0, ZoneOffset.UTC))).isEqualTo(7);
        assertThat(cutoffs).containsExactly(T0.minus(Duration.ofDays(2)));
    }

    private static FailureRecord stored(String reason, boolean truncated, boolean refused, Optional<Instant> replayedAt) {
        return new FailureRecord("id-1", "req-1", "/hook", "standard", reason, T0, Map.of("content-type", List.of("text/plain")),
                Map.of("webhook-id", List.of("msg_1")), Optional.of("q=1"), "body".getBytes(StandardCharsets.UTF_8),
                truncated, refused, Optional.of("2001:db8::5"), replayedAt);
    }

    private static String refusal(FailureReplay rule, FailureRecord record) {
        FailureReplay.Verdict verdict = rule.check(record);
        assertThat(verdict).isInstanceOf(FailureReplay.Verdict.Refused.class);
        return ((FailureReplay.Verdict.Refused) verdict).reason();
    }

    private static FailureReplay answering(Verification answer, boolean includeRefused) {
        return FailureReplay.of(r -> Optional.of(new Answering(answer)), includeRefused);
    }

    @Test
    void theReplayRuleGivesItsReasonForEveryRecordItKeepsBack() {
        FailureReplay anything = answering(Verification.verified("standard"), true);

        assertThat(refusal(anything, stored("processing-failed: x", false, false, Optional.of(T0.plusSeconds(9)))))
                .isEqualTo("already replayed at " + T0.plusSeconds(9));
        assertThat(refusal(anything, stored("processing-failed: x", true, false, Optional.empty())))
                .startsWith("its body was cut to the cap");
        assertThat(refusal(answering(Verification.verified("standard"), false), stored("signature-mismatch: no", false, true,
                Optional.empty()))).startsWith("the guard refused it (signature-mismatch); refused records replay only");
        assertThat(refusal(answering(Verification.verified("standard"), false), stored("source-not-allowed", false, true,
                Optional.empty()))).startsWith("the guard refused it (source-not-allowed);");
        assertThat(refusal(FailureReplay.of(r -> Optional.empty(), true), stored("processing-failed: x", false, false,
                Optional.empty()))).isEqualTo("no standard verifier is configured to re-verify it");
        assertThat(refusal(answering(Verification.rejected("standard", RejectReason.SIGNATURE_MISMATCH, "no match"), true),
                stored("processing-failed: x", false, false, Optional.empty())))
                .isEqualTo("its stored signature does not verify now: signature-mismatch: no match");
        assertThat(refusal(FailureReplay.of(r -> Optional.of(new Answering(null)), true),
                stored("processing-failed: x", false, false, Optional.empty())))
                .isEqualTo("re-verification failed (NullPointerException)");
        assertThat(refusal(answering(new Verification.Verified("standard", false), true),
                stored("signature-mismatch: x", false, true, Optional.empty())))
                .isEqualTo("the endpoint has no signing secret, so a refused record cannot be re-verified");
    }

    @Test
    void anAllowedRecordIsHandedOnAsTheRequestThatArrived() {
        FailureReplay.Verdict unsignedFailure = answering(new Verification.Verified("standard", false), false)
                .check(stored("processing-failed: x", false, false, Optional.empty()));
        FailureReplay.Verdict refusedButVerified = answering(Verification.verified("standard"), true)
                .check(stored("signature-mismatch: x", false, true, Optional.empty()));

        assertThat(unsignedFailure).isInstanceOf(FailureReplay.Verdict.Allowed.class);
        assertThat(refusedButVerified).isInstanceOfSatisfying(FailureReplay.Verdict.Allowed.class, allowed -> {
            WebhookRequest request = allowed.request();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hook");
            assertThat(request.rawQuery()).contains("q=1");
            assertThat(request.headerValues("content-type")).containsExactly("text/plain");
            assertThat(request.headerValues("webhook-id")).containsExactly("msg_1");
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("body");
            assertThat(request.sourceAddress()).map(InetAddress::getHostAddress).contains("2001:db8:0:0:0:0:0:5");
        });
    }

    @Test
    void onlyIpLiteralsBecomeSourceAddresses() {
        for (String notLiteral : List.of("example.org", "abc", "1e100.net", "a")) {
            FailureRecord record = new FailureRecord("id", "req", "/x", "twilio", "processing-failed: x", T0, Map.of(),
                    new byte[0], Optional.of(notLiteral), Optional.empty());
            assertThat(FailureReplay.request(record).sourceAddress()).as(notLiteral).isEmpty();
        }
        FailureRecord v4 = new FailureRecord("id", "req", "/x", "twilio", "processing-failed: x", T0, Map.of(),
                new byte[0], Optional.of("192.0.2.1"), Optional.empty());
        assertThat(FailureReplay.request(v4).sourceAddress()).map(InetAddress::getHostAddress).contains("192.0.2.1");
        assertThat(FailureReplay.request(v4).rawQuery()).isEmpty();
    }

    /** A verifier whose re-verification gives a fixed answer ({@code null}: it throws). */
    private record Answering(Verification answer) implements WebhookVerifier {
        @Override
        public String provider() {
            return "standard";
        }

        @Override
        public Verification verify(WebhookRequest request) {
            if (answer == null) {
                throw new NullPointerException();
            }
            return answer;
        }
    }

    /** A store that only notes the cutoffs it is asked to delete before. */
    private record RecordingCutoffs(List<Instant> cutoffs) implements FailureStore {
        @Override
        public void record(FailureRecord failure) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FailureRecord> list(int limit) {
            return List.of();
        }

        @Override
        public Optional<FailureRecord> find(String id) {
            return Optional.empty();
        }

        @Override
        public boolean markReplayed(String id, Instant at) {
            return false;
        }

        @Override
        public int deleteReceivedBefore(Instant cutoff) {
            cutoffs.add(cutoff);
            return 7;
        }
    }
}
