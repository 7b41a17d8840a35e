package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sosops.env.webhooks.verify.SendGridSignatureVerifierTest.VENDOR_KEY;
import static org.sosops.env.webhooks.verify.SendGridSignatureVerifierTest.VENDOR_PAYLOAD;
import static org.sosops.env.webhooks.verify.SendGridSignatureVerifierTest.VENDOR_SIGNATURE;
import static org.sosops.env.webhooks.verify.SendGridSignatureVerifierTest.VENDOR_TIMESTAMP;
import static org.sosops.env.webhooks.verify.SendGridSignatureVerifierTest.request;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.request.WebhookRequest;

/** SendGrid's headers at their edges: repeated timestamps, timestamp zero, a non-ASCII header, stored copies. */
class SendGridHeaderEdgesTest {
    private static final String P384_KEY = "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEqwNwpKkUVZqDVfilsvD6+Q7k6ZkfLoOgpSZH9SEeNfgemZKMijdB5gTW"
            + "7Mi8SkVeubu6uAlp2VY6omy1G1mis2sUal9BsLV2Sfix+mi0QfRld0gb3HFdW9gYO+7keE+A";

    private static SendGridSignatureVerifier vendorVerifierAt(long epochSeconds) {
        return SendGridSignatureVerifier.withVerificationKey(Secret.of(VENDOR_KEY), MutableClock.at(epochSeconds));
    }

    @Test
    void aRepeatedTimestampHeaderIsRefusedLikeARepeatedSignature() {
        WebhookRequest twice = WebhookRequest.builder("POST", "/e").body(VENDOR_PAYLOAD.getBytes(StandardCharsets.UTF_8))
                .header(SendGridSignatureVerifier.SIGNATURE_HEADER, VENDOR_SIGNATURE)
                .header(SendGridSignatureVerifier.TIMESTAMP_HEADER, VENDOR_TIMESTAMP)
                .header(SendGridSignatureVerifier.TIMESTAMP_HEADER, "1588788368").build();

        assertThat(TwilioSignatureVerifierTest.reason(vendorVerifierAt(1588788367L).verify(twice)))
                .isEqualTo(RejectReason.DUPLICATE_SIGNATURE);
    }

    @Test
    void timestampZeroIsANumberSoItsSignatureIsChecked() {
        assertThat(TwilioSignatureVerifierTest.reason(vendorVerifierAt(0).verify(request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, "0"))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
    }

    @Test
    void aTimestampHeaderWithNonAsciiSpaceIsSignedAsUtf8AsSent() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String key = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String body = "[{\"event\":\"delivered\",\"sg_event_id\":\"ev2\"}]";
        String timestamp = "1700000000\u2003";   // an em space, which the number parser strips
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        SendGridSignatureVerifier verifier = SendGridSignatureVerifier.withVerificationKey(Secret.of(key), MutableClock.at(1700000000L));

        assertThat(verifier.verify(request(body, signature, timestamp)).verified()).isTrue();
        assertThat(verifier.verify(request(body, signature, "1700000000\u2002")).verified()).isFalse();
    }

    @Test
    void aStoredCopyIsJudgedAsOfItsArrivalAndTheVerifierNamesNoKey() {
        SendGridSignatureVerifier verifier = vendorVerifierAt(1_800_000_000L);
        WebhookRequest stored = request(VENDOR_PAYLOAD, VENDOR_SIGNATURE, VENDOR_TIMESTAMP);

        assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(stored))).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(verifier.reverify(stored, Instant.ofEpochSecond(1588788367L + 300)))
                .isEqualTo(Verification.verified("sendgrid"));
        assertThat(TwilioSignatureVerifierTest.reason(verifier.reverify(stored, Instant.ofEpochSecond(1588788367L + 301))))
                .isEqualTo(RejectReason.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(verifier.provider()).isEqualTo("sendgrid");
        assertThat(verifier).hasToString("SendGridSignatureVerifier[P-256 key ***, tolerance 300 s]");
    }

    @Test
    void aKeyOnAnotherCurveIsRefused() {
        assertThatThrownBy(() -> SendGridSignatureVerifier.withVerificationKey(Secret.of(P384_KEY), MutableClock.at(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SendGrid verification key is not a base64 DER ECDSA P-256 public key (another key type or curve)");
    }
}
