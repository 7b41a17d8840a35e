package org.sosops.env.webhooks.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;
import org.sosops.env.webhooks.verify.WebhookVerifier;

/**
 * Postmark's token is a shared secret and never stored, so its records can only be re-verified by
 * source: these tests try to replay Postmark records the rule must refuse.
 */
class FailureReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final PostmarkTokenVerifier POSTMARK = PostmarkTokenVerifier.withToken(Secret.of("pm-token-1f2e3d4c5b6a"));

    private static FailureRecord postmark(String reason, String source) {
        return new FailureRecord("id-" + reason.hashCode(), "req", "/api/webhooks/email/events", "postmark", reason, T0,
                Map.of("Content-Type", List.of("application/json"), "X-Webhook-Token", List.of("pm-token-1f2e3d4c5b6a")),
                "{\"RecordType\":\"Delivery\"}".getBytes(StandardCharsets.UTF_8), Optional.of(source), Optional.empty());
    }

    private static FailureReplay rule(WebhookVerifier verifier, boolean includeRefused) {
        return FailureReplay.of(r -> Optional.of(verifier), includeRefused);
    }

    @Test
    void theTokenIsNeverStoredSoItCannotBeReplayedFromTheRecord() {
        assertThat(postmark("processing-failed: X", "50.31.156.6").headers()).doesNotContainKey("x-webhook-token");
        assertThat(postmark("processing-failed: X", "50.31.156.6").signingHeaders()).isEmpty();
    }

    @Test
    void aFailedPostmarkRecordReplaysOnlyWhenItsSourceIsInTheAllowlist() {
        FailureRecord failed = postmark("processing-failed: X", "50.31.156.6");
        assertThat(rule(POSTMARK, false).check(failed)).isInstanceOf(FailureReplay.Verdict.Refused.class);
        WebhookVerifier allowlisted = POSTMARK.allowing(SourceAllowlist.parse("50.31.156.0/24"));
        assertThat(rule(allowlisted, false).check(failed)).isInstanceOf(FailureReplay.Verdict.Allowed.class);
        FailureRecord elsewhere = postmark("processing-failed: X", "198.51.100.7");
        assertThat(rule(allowlisted, false).check(elsewhere)).isInstanceOf(FailureReplay.Verdict.Refused.class);
    }

    @Test
    void aPostmarkRecordRefusedForItsTokenNeverReplaysEvenFromAnAllowlistedSource() {
        FailureRecord refused = postmark("token-mismatch: the token does not match", "50.31.156.6");
        WebhookVerifier allowlisted = POSTMARK.allowing(SourceAllowlist.parse("50.31.156.0/24"));
        assertThat(rule(allowlisted, true).check(refused)).isInstanceOfSatisfying(FailureReplay.Verdict.Refused.class,
                r -> assertThat(r.reason()).contains("token"));
    }

    @Test
    void aRefusedRecordNeverPassesThroughAnUnsignedEndpoint() {
        FailureRecord refused = postmark("missing-token: no token", "50.31.156.6");
        assertThat(rule(WebhookVerifier.unsigned("postmark"), true).check(refused))
                .isInstanceOf(FailureReplay.Verdict.Refused.class);
    }

    @Test
    void aStoredSourceThatIsNotAnIpLiteralIsNeverResolved() {
        FailureRecord record = new FailureRecord("x", "req", "/p", "postmark", "processing-failed: X", T0, Map.of(),
                new byte[0], Optional.of("attacker.example"), Optional.empty());
        assertThat(FailureReplay.request(record).sourceAddress()).isEmpty();
    }
}
