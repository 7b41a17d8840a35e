package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.request.WebhookRequest;

class SendGridSignatureVerifierTest {
    // SendGrid's published test vector (sendgrid-java's EventWebhookTest and the other SDKs).
    static final String VENDOR_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
    static final String VENDOR_OTHER_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==";
    static final String VENDOR_PAYLOAD = "{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}";
    static final String VENDOR_SIGNATURE = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
    static final String VENDOR_TIMESTAMP = "1588788367";

    static WebhookRequest request(String payload, String signature, String timestamp) {
        WebhookRequest.Builder b = WebhookRequest.builder("POST", "/api/webhooks/email/events")
                .header("Content-Type", "application/json").body(payload.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            b.header(SendGridSignatureVerifier.SIGNATURE_HEADER, signature);
        }
        if (timestamp != null) {
            b.header(SendGridSignatureVerifier.TIMESTAMP_HEADER, timestamp);
        }
        return b.build();
    }

    @Test
    void acceptsSendGridsPublishedVectorAtItsTimeAndRegistersNoSecurityProvider() {
        MutableClock clock = MutableClock.at(1588788367L + 10);
        SendGridSignatureVerifier verifier = SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_KEY), clock);
        assertThat(verifier.verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, VENDOR_TIMESTAMP)).verified()).isTrue();
        assertThat(Security.getProvider("BC")).isNull();
    }

    @Test
    void rejectsThePublishedVectorWithAnotherKeyPayloadOrTimestamp() {
        MutableClock clock = MutableClock.at(1588788367L);
        assertThat(TwilioSignatureVerifierTest.reason(SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_OTHER_KEY), clock)
                .verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, VENDOR_TIMESTAMP)))).isEqualTo(RejectReason.SIGNATURE_MISMATCH);
        SendGridSignatureVerifier verifier = SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_KEY), clock);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request("payload", VENDOR_SIGNATURE, VENDOR_TIMESTAMP))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, "1588788368"))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsAGenuineSignatureOutsideTheToleranceWindow() {
        MutableClock clock = MutableClock.at(1588788367L + 301);
        SendGridSignatureVerifier verifier = SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_KEY), clock);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, VENDOR_TIMESTAMP))))
                .isEqualTo(RejectReason.TIMESTAMP_OUT_OF_WINDOW);
        SendGridSignatureVerifier lenient = SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_KEY), clock, Duration.ofMinutes(10));
        assertThat(lenient.verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, VENDOR_TIMESTAMP)).verified()).isTrue();
    }

    @Test
    void acceptsASignatureMadeIndependentlyByTheJdkAndRejectsAFlippedBodyByte() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String key = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String body = "[{\"email\":\"a@example.org\",\"event\":\"delivered\",\"sg_event_id\":\"ev1\",\"timestamp\":1700000000}]";
        String timestamp = "1700000000";
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(signer.sign());

        SendGridSignatureVerifier verifier = SendGridSignatureVerifier.withVerificationKey(Secret.of(key), MutableClock.at(1700000100L));
        assertThat(verifier.verify(request(body, signature, timestamp)).verified()).isTrue();
        assertThat(verifier.verify(request(body.replace("delivered", "delivereD"), signature, timestamp)).verified()).isFalse();
    }

    @Test
    void rejectsMissingDuplicateAndGarbageHeaders() {
        SendGridSignatureVerifier verifier = SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_KEY), MutableClock.at(1588788367L));
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, null, VENDOR_TIMESTAMP))))
                .isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, null))))
                .isEqualTo(RejectReason.MISSING_TIMESTAMP);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, "yesterday"))))
                .isEqualTo(RejectReason.MISSING_TIMESTAMP);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, "%%%garbage", VENDOR_TIMESTAMP))))
                .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, "AAAA", VENDOR_TIMESTAMP))))
                .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        WebhookRequest twice = WebhookRequest.builder("POST", "/e").body(VENDOR_PAYLOAD.getBytes(StandardCharsets.UTF_8))
                .header(SendGridSignatureVerifier.SIGNATURE_HEADER, VENDOR_SIGNATURE)
                .header(SendGridSignatureVerifier.SIGNATURE_HEADER, VENDOR_SIGNATURE)
                .header(SendGridSignatureVerifier.TIMESTAMP_HEADER, VENDOR_TIMESTAMP).build();
        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(twice))).isEqualTo(RejectReason.DUPLICATE_SIGNATURE);
    }

    /** Found by fuzzing (seed sendGridSignature/crash-7c0290f5…): BouncyCastle threw a NullPointerException on empty DER. */
    @Test
    void anEmptyOrOversizedDerSignatureIsMalformedNotAVerifierError() {
        SendGridSignatureVerifier verifier = SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_KEY), MutableClock.at(1588788367L));
        for (String signature : new String[] {"", "   ", java.util.Base64.getEncoder().encodeToString(new byte[73]),
                "MIAwgAIBAQIBAQAAAAA="}) {
            assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(VENDOR_PAYLOAD, signature, VENDOR_TIMESTAMP))))
                    .as("'%s'", signature).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        }
    }

    @Test
    void aBadVerificationKeyIsAClearStartUpErrorThatNeverQuotesTheKey() {
        String notAKey = "c2VjcmV0LXZhbHVlLXRoYXQtaXMtbm90LWEta2V5";
        assertThatThrownBy(() -> SendGridSignatureVerifier.withVerificationKey(Secret.of(notAKey), MutableClock.at(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256 public key").hasMessageNotContaining(notAKey);
        assertThatThrownBy(() -> SendGridSignatureVerifier.withVerificationKey(Secret.of("!!!"), MutableClock.at(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("!!!");
    }
}
