package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;

/** Every reason the Postmark token and Standard Webhooks verifiers give, and where their windows end. */
class TokenAndStandardVerifiersTest {
    private static final String TOKEN = "3f1c2a7e-postmark-shared-token-9d8e";
    private static final PostmarkTokenVerifier POSTMARK = PostmarkTokenVerifier.withToken(Secret.of(TOKEN));

    // The Standard Webhooks specification's example.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookRequest.Builder postmark() {
        return WebhookRequest.builder("POST", "/api/webhooks/email/events").body("{}".getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Verification.Rejected rejected(Verification answer) {
        assertThat(answer).isInstanceOf(Verification.Rejected.class);
        return (Verification.Rejected) answer;
    }

    @Test
    void postmarkReadsBasicAuthLeniently() {
        assertThat(POSTMARK.verify(postmark().header("Authorization", "basic " + basic("pm:" + TOKEN).substring(6)).build())
                .verified()).as("any case of the scheme").isTrue();
        assertThat(POSTMARK.verify(postmark().header("Authorization", "  Basic   "
                + Base64.getEncoder().encodeToString(("pm:" + TOKEN).getBytes(StandardCharsets.UTF_8)) + " ").build())
                .verified()).as("surrounding spaces").isTrue();
        assertThat(POSTMARK.verify(postmark().header("X-Webhook-Token", " " + TOKEN + " ").build()).verified()).isTrue();
        PostmarkTokenVerifier colon = PostmarkTokenVerifier.withToken(Secret.of("pa:ss"));
        assertThat(colon.verify(postmark().header("Authorization", basic("user:pa:ss")).build()).verified())
                .as("the password is everything after the first colon").isTrue();
    }

    @Test
    void postmarkRefusesCredentialsItCannotRead() {
        for (String authorization : List.of("Basic", "Basic !!!not-base64", basic("no-colon-here"), "Bearer " + TOKEN)) {
            Verification.Rejected answer = rejected(POSTMARK.verify(postmark().header("Authorization", authorization).build()));
            assertThat(answer.reason()).as(authorization).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
            assertThat(answer.detail()).isEqualTo("the Authorization header is not basic-auth credentials");
        }
        assertThat(rejected(POSTMARK.verify(postmark().header("Authorization", basic("pm:" + TOKEN + "x")).build())).describe())
                .isEqualTo("token-mismatch: the token does not match");
    }

    @Test
    void postmarkRefusesRepeatedCredentialsAndPrefersItsHeaderToBasicAuth() {
        assertThat(rejected(POSTMARK.verify(postmark().header("Authorization", basic("pm:" + TOKEN))
                .header("Authorization", basic("pm:" + TOKEN)).build())).reason()).isEqualTo(RejectReason.DUPLICATE_SIGNATURE);
        assertThat(rejected(POSTMARK.verify(postmark().header("X-Webhook-Token", TOKEN).header("X-Webhook-Token", TOKEN)
                .build())).describe()).isEqualTo("duplicate-signature: repeated credential headers");
        assertThat(POSTMARK.verify(postmark().header("X-Webhook-Token", TOKEN).header("Authorization", basic("pm:wrong"))
                .build()).verified()).isTrue();
        assertThat(rejected(POSTMARK.verify(postmark().header("X-Webhook-Token", "wrong")
                .header("Authorization", basic("pm:" + TOKEN)).build())).reason()).isEqualTo(RejectReason.TOKEN_MISMATCH);
    }

    @Test
    void postmarkTakesItsTokenFromTheConfiguredHeaderOnly() {
        PostmarkTokenVerifier custom = POSTMARK.tokenHeader("X-Hook-Key");

        assertThat(custom.verify(postmark().header("X-Hook-Key", TOKEN).build()).verified()).isTrue();
        assertThat(rejected(custom.verify(postmark().header("X-Webhook-Token", TOKEN).build())).describe())
                .isEqualTo("missing-token: neither basic-auth credentials nor a X-Hook-Key header");
        assertThat(custom).hasToString("PostmarkTokenVerifier[token ***, header X-Hook-Key, sources any]");
        assertThat(custom.provider()).isEqualTo("postmark");
        assertThatThrownBy(() -> PostmarkTokenVerifier.withToken(Secret.of("  ")))
                .hasMessage("the Postmark webhook token is blank");
    }

    @Test
    void aStoredPostmarkRequestIsReVerifiedByItsSourceOnly() throws Exception {
        WebhookRequest stored = postmark().sourceAddress(InetAddress.getByName("50.31.156.6")).build();
        WebhookRequest storedElsewhere = postmark().sourceAddress(InetAddress.getByName("198.51.100.1")).build();
        PostmarkTokenVerifier allowlisted = POSTMARK.allowing(SourceAllowlist.parse("50.31.156.0/24"));

        assertThat(rejected(POSTMARK.reverify(stored, Instant.EPOCH)).reason()).isEqualTo(RejectReason.MISSING_TOKEN);
        assertThat(allowlisted.reverify(stored, Instant.EPOCH).verified()).isTrue();
        assertThat(rejected(allowlisted.reverify(storedElsewhere, Instant.EPOCH)).reason())
                .isEqualTo(RejectReason.SOURCE_NOT_ALLOWED);
        assertThat(allowlisted).hasToString("PostmarkTokenVerifier[token ***, header X-Webhook-Token, sources [50.31.156.0/24]]");
    }

    private static StandardWebhooksVerifier standardAt(long epochSeconds) {
        return StandardWebhooksVerifier.withSecret(Secret.of(SECRET), MutableClock.at(epochSeconds));
    }

    private static WebhookRequest.Builder standard() {
        return WebhookRequest.builder("POST", "/hook").body(BODY.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRequest standard(String id, String timestamp, String signature) {
        return standard().header("webhook-id", id).header("webhook-timestamp", timestamp).header("webhook-signature", signature)
                .build();
    }

    @Test
    void standardWebhooksAcceptsTheTimestampWindowInclusively() {
        WebhookRequest genuine = standard(ID, Long.toString(TIMESTAMP), SIGNATURE);

        assertThat(standardAt(TIMESTAMP + 300).verify(genuine).verified()).isTrue();
        assertThat(standardAt(TIMESTAMP - 300).verify(genuine).verified()).isTrue();
        assertThat(rejected(standardAt(TIMESTAMP + 301).verify(genuine)).describe())
                .isEqualTo("timestamp-out-of-window: the signed timestamp is more than 300 s from now");
        assertThat(rejected(standardAt(TIMESTAMP - 301).verify(genuine)).reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(standardAt(TIMESTAMP + 3600).reverify(genuine, Instant.ofEpochSecond(TIMESTAMP + 10)).verified())
                .as("judged as of arrival").isTrue();
        assertThat(standardAt(TIMESTAMP).verify(standard(ID, " " + TIMESTAMP + " ", SIGNATURE)).verified())
                .as("the timestamp is signed without its surrounding spaces").isTrue();
        assertThat(standardAt(TIMESTAMP).verify(standard(ID, Long.toString(TIMESTAMP), "v1,!!garbled  " + SIGNATURE)).verified())
                .as("a garbled entry among good ones is ignored").isTrue();
    }

    @Test
    void standardWebhooksNamesEveryMissingOrRepeatedHeader() {
        String ts = Long.toString(TIMESTAMP);
        StandardWebhooksVerifier verifier = standardAt(TIMESTAMP);

        assertThat(rejected(verifier.verify(standard().header("webhook-id", ID).header("webhook-timestamp", ts).build()))
                .describe()).isEqualTo("missing-signature: no webhook-signature header");
        for (String repeated : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            WebhookRequest request = standard().header("webhook-id", ID).header("webhook-timestamp", ts)
                    .header("webhook-signature", SIGNATURE).header(repeated, "again").build();
            assertThat(rejected(verifier.verify(request)).describe()).as(repeated)
                    .isEqualTo("duplicate-signature: repeated webhook-* headers");
        }
        assertThat(rejected(verifier.verify(standard().header("webhook-timestamp", ts).header("webhook-signature", SIGNATURE)
                .build())).describe()).isEqualTo("malformed-signature: no webhook-id header");
        assertThat(rejected(verifier.verify(standard(" ", ts, SIGNATURE))).reason()).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(rejected(verifier.verify(standard().header("webhook-id", ID).header("webhook-signature", SIGNATURE).build()))
                .describe()).isEqualTo("missing-timestamp: no webhook-timestamp header");
        assertThat(rejected(verifier.verify(standard(ID, "soon", SIGNATURE))).describe())
                .isEqualTo("missing-timestamp: webhook-timestamp is not a number of epoch seconds");
        assertThat(rejected(verifier.verify(standard(ID, ts, "v1,!!!"))).describe())
                .isEqualTo("malformed-signature: webhook-signature has no v1 entry in base64");
        assertThat(rejected(verifier.verify(standard(ID, ts, "v1," + Base64.getEncoder().encodeToString(new byte[32]))))
                .describe()).isEqualTo("signature-mismatch: no v1 signature matches the id, timestamp and body");
    }

    @Test
    void standardWebhooksSecretsAreWhsecOrPlainBase64AndNeverQuoted() {
        String raw = SECRET.substring("whsec_".length());
        StandardWebhooksVerifier plain = StandardWebhooksVerifier.withSecrets(List.of(Secret.of(" " + raw + " ")),
                Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC), Duration.ofSeconds(5));

        assertThat(plain.verify(standard(ID, Long.toString(TIMESTAMP), SIGNATURE)).verified()).isTrue();
        assertThat(plain).hasToString("StandardWebhooksVerifier[1 key(s) ***]");
        assertThat(plain.provider()).isEqualTo("standard");
        assertThatThrownBy(() -> StandardWebhooksVerifier.withSecrets(List.of(), Clock.systemUTC(), Duration.ofSeconds(5)))
                .hasMessage("at least one Standard Webhooks secret is required");
        for (String bad : List.of("whsec_", "whsec_not base64!", "")) {
            assertThatThrownBy(() -> StandardWebhooksVerifier.withSecret(Secret.of(bad), Clock.systemUTC())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a Standard Webhooks secret is not whsec_ followed by base64");
        }
    }

    @Test
    void signedTimestampsArePlainDigitsAndTheWindowIncludesItsEdges() {
        assertThat(Timestamps.parseEpochSeconds(" 1614265330 ")).isEqualTo(1614265330L);
        assertThat(Timestamps.parseEpochSeconds("0")).isZero();
        assertThat(Timestamps.parseEpochSeconds("999999999999")).isEqualTo(999_999_999_999L);
        for (String bad : List.of("", "  ", "1000000000000", "-1", "+1", "1e9", "12/3", "12:3", "١٢")) {
            assertThat(Timestamps.parseEpochSeconds(bad)).as(bad).isEqualTo(-1);
        }
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_999), ZoneOffset.UTC);
        assertThat(Timestamps.within(1_010, clock, Duration.ofSeconds(10))).isTrue();
        assertThat(Timestamps.within(990, clock, Duration.ofSeconds(10))).isTrue();
        assertThat(Timestamps.within(1_011, clock, Duration.ofSeconds(10))).isFalse();
        assertThat(Timestamps.within(989, clock, Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void anUnsignedVerifierAcceptsEverythingAndSaysItCheckedNothing() {
        WebhookVerifier unsigned = WebhookVerifier.unsigned("twilio");
        WebhookRequest anything = standard().build();

        assertThat(unsigned.provider()).isEqualTo("twilio");
        assertThat(unsigned.verify(anything)).isEqualTo(new Verification.Verified("twilio", false));
        assertThat(unsigned.reverify(anything, Instant.EPOCH)).isEqualTo(new Verification.Verified("twilio", false));
        assertThat(unsigned).hasToString("UnsignedVerifier[twilio]");
        assertThat(Verification.verified("standard")).isEqualTo(new Verification.Verified("standard", true));
        assertThat(Verification.verified("standard").verified()).isTrue();
        assertThat(Verification.rejected("standard", RejectReason.BODY_TOO_LARGE, "x").verified()).isFalse();
    }

    @Test
    void rejectReasonsKeepTheirDocumentedIdsAndStatuses() {
        StringBuilder table = new StringBuilder();
        for (RejectReason reason : RejectReason.values()) {
            table.append(reason.id()).append(' ').append(reason.httpStatus()).append('\n');
        }
        assertThat(table.toString()).isEqualTo("""
                missing-signature 403
                duplicate-signature 400
                malformed-signature 403
                signature-mismatch 403
                missing-token 403
                token-mismatch 403
                missing-timestamp 400
                timestamp-out-of-window 403
                body-hash-mismatch 403
                body-too-large 400
                malformed-body 400
                unsupported-content-type 400
                source-not-allowed 403
                verifier-error 403
                """);
    }
}
