package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;

class OtherVerifiersTest {
    private static final String POSTMARK_TOKEN = "3f1c2a7e-postmark-shared-token-9d8e";

    private static WebhookRequest.Builder postmark() {
        return WebhookRequest.builder("POST", "/api/webhooks/email/events").header("Content-Type", "application/json")
                .body("{\"RecordType\":\"Bounce\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void postmarkAcceptsTheSharedTokenAsBasicAuthPasswordOrHeader() {
        PostmarkTokenVerifier verifier = PostmarkTokenVerifier.withToken(Secret.of(POSTMARK_TOKEN));
        assertThat(verifier.verify(postmark().header("Authorization", basic("postmark", POSTMARK_TOKEN)).build()).verified()).isTrue();
        assertThat(verifier.verify(postmark().header("X-Webhook-Token", POSTMARK_TOKEN).build()).verified()).isTrue();
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(postmark().header("Authorization", basic("postmark", "guess")).build())))
                .isEqualTo(RejectReason.TOKEN_MISMATCH);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(postmark().build()))).isEqualTo(RejectReason.MISSING_TOKEN);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(postmark().header("Authorization", "Bearer x").build())))
                .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void postmarkWithAnAllowlistRefusesOtherSourcesEvenWithTheToken() throws Exception {
        PostmarkTokenVerifier verifier = PostmarkTokenVerifier.withToken(Secret.of(POSTMARK_TOKEN))
                .allowing(SourceAllowlist.parse("50.31.156.0/24, 2001:db8::/32"));
        assertThat(verifier.verify(postmark().header("X-Webhook-Token", POSTMARK_TOKEN)
                .sourceAddress(InetAddress.getByName("50.31.156.77")).build()).verified()).isTrue();
        assertThat(verifier.verify(postmark().header("X-Webhook-Token", POSTMARK_TOKEN)
                .sourceAddress(InetAddress.getByName("2001:db8::5")).build()).verified()).isTrue();
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(postmark().header("X-Webhook-Token", POSTMARK_TOKEN)
                .sourceAddress(InetAddress.getByName("50.31.157.1")).build()))).isEqualTo(RejectReason.SOURCE_NOT_ALLOWED);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(postmark().header("X-Webhook-Token", POSTMARK_TOKEN).build())))
                .isEqualTo(RejectReason.SOURCE_NOT_ALLOWED);
    }

    @Test
    void allowlistRejectsEntriesThatAreNotAddresses() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceAllowlist.parse("10.0.0.0/33"))
                .hasMessageContaining("10.0.0.0/33");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceAllowlist.parse("example.org"))
                .hasMessageContaining("example.org");
    }

    // The Standard Webhooks specification's example.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SPEC_TIMESTAMP = "1614265330";
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookRequest standard(String body, String signature, String timestamp) {
        return WebhookRequest.builder("POST", "/hook").header("webhook-id", SPEC_ID).header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void standardWebhooksAcceptsTheSpecificationExampleAndRejectsTampering() {
        StandardWebhooksVerifier verifier = StandardWebhooksVerifier.withSecret(Secret.of(SPEC_SECRET), MutableClock.at(1614265330L));
        assertThat(verifier.verify(standard(SPEC_BODY, SPEC_SIGNATURE, SPEC_TIMESTAMP)).verified()).isTrue();
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(standard(SPEC_BODY + " ", SPEC_SIGNATURE, SPEC_TIMESTAMP))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
        assertThat(TwilioSignatureVerifierTest.reason(StandardWebhooksVerifier.withSecret(Secret.of(SPEC_SECRET), MutableClock.at(1614265330L + 600))
                .verify(standard(SPEC_BODY, SPEC_SIGNATURE, SPEC_TIMESTAMP)))).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_WINDOW);
    }

    @Test
    void standardWebhooksAcceptsAnyOfSeveralSignaturesAndKeysForRotation() throws Exception {
        byte[] newKey = "a-new-key-of-32-bytes-for-tests!".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(newKey, "HmacSHA256"));
        String newSignature = Base64.getEncoder().encodeToString(
                mac.doFinal((SPEC_ID + "." + SPEC_TIMESTAMP + "." + SPEC_BODY).getBytes(StandardCharsets.UTF_8)));
        Secret newSecret = Secret.of("whsec_" + Base64.getEncoder().encodeToString(newKey));
        StandardWebhooksVerifier both = StandardWebhooksVerifier.withSecrets(List.of(newSecret, Secret.of(SPEC_SECRET)),
                MutableClock.at(1614265330L), Duration.ofMinutes(5));
        assertThat(both.verify(standard(SPEC_BODY, "v1,bm90LWl0 v1," + newSignature, SPEC_TIMESTAMP)).verified()).isTrue();
        assertThat(both.verify(standard(SPEC_BODY, SPEC_SIGNATURE, SPEC_TIMESTAMP)).verified()).isTrue();
        StandardWebhooksVerifier onlyNew = StandardWebhooksVerifier.withSecrets(List.of(newSecret), MutableClock.at(1614265330L), Duration.ofMinutes(5));
        assertThat(onlyNew.verify(standard(SPEC_BODY, SPEC_SIGNATURE, SPEC_TIMESTAMP)).verified()).isFalse();
        assertThat(TwilioSignatureVerifierTest.reason(onlyNew.verify(standard(SPEC_BODY, "v2,abc", SPEC_TIMESTAMP))))
                .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }
}
