package org.sosops.env.testing.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.testing.junit.SosOpsEnvironment;
import org.sosops.env.testing.junit.SosOpsTestEnvironment;

/** SendGrid, Postmark and Standard Webhooks, checked against the published algorithms and vectors. */
class OtherSignersTest {
    private static final byte[] EVENTS = "[{\"email\":\"voter001@example.org\",\"event\":\"delivered\"}]\r\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    @SosOpsEnvironment(value = AppEnv.PROD, emailProvider = "sendgrid")
    void signsSendGridEventsSoTheEnvironmentsVerificationKeyVerifiesThem(SosOpsTestEnvironment env) throws Exception {
        SendGridSigner signer = SendGridSigner.withPrivateKey(env.fake().sendGridSigningKey().orElseThrow());
        SignedWebhook signed = signer.sign("https://app.example.org/api/webhooks/email/events", EVENTS,
                Instant.ofEpochSecond(1_790_000_000L));
        assertThat(signed.header(SendGridSigner.TIMESTAMP_HEADER)).isEqualTo("1790000000");

        String verificationKey = env.fake().value("EMAIL_WEBHOOK_SIGNING_SECRET").orElseThrow();
        assertThat(verifiesEcdsa(verificationKey, "1790000000", EVENTS, signed.header(SendGridSigner.SIGNATURE_HEADER))).isTrue();
        assertThat(verifiesEcdsa(verificationKey, "1790000001", EVENTS, signed.header(SendGridSigner.SIGNATURE_HEADER))).isFalse();
    }

    @Test
    void generatesItsOwnSendGridKeyPairWhenAsked() throws Exception {
        SendGridSigner signer = SendGridSigner.generate();
        String signature = signer.signature("1790000000", EVENTS);
        assertThat(verifiesEcdsa(signer.verificationKey().orElseThrow(), "1790000000", EVENTS, signature)).isTrue();
    }

    @Test
    void reproducesTheStandardWebhooksSpecificationVector() {
        StandardWebhooksSigner signer = StandardWebhooksSigner.withSecret(Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        SignedWebhook signed = signer.sign("https://app.example.org/hooks", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                Instant.ofEpochSecond(1614265330), "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signed.header("webhook-signature")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(signed.header("webhook-id")).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertThat(signed.header("webhook-timestamp")).isEqualTo("1614265330");
    }

    @Test
    void generatesStandardWebhooksSecretsInTheWhsecForm() {
        Secret secret = StandardWebhooksSigner.generateSecret();
        assertThat(secret.reveal()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.reveal().substring(6))).hasSize(24);
    }

    @Test
    @SosOpsEnvironment(AppEnv.STAGING)
    void sendsThePostmarkTokenAsBasicAuthOrAsAHeader(SosOpsTestEnvironment env) {
        Secret token = env.fake().secret("EMAIL_WEBHOOK_SIGNING_SECRET").orElseThrow();
        SignedWebhook basic = PostmarkSigner.basicAuth("postmark", token).sign("https://app.example.org/hooks", EVENTS);
        String credentials = new String(Base64.getDecoder().decode(basic.header("Authorization").substring("Basic ".length())),
                StandardCharsets.UTF_8);
        assertThat(credentials).isEqualTo("postmark:" + token.reveal());
        SignedWebhook header = PostmarkSigner.headerToken("X-Postmark-Webhook-Token", token).sign("https://a.example.org", EVENTS);
        assertThat(header.header("x-postmark-webhook-token")).isEqualTo(token.reveal());
        assertThat(PostmarkSigner.basicAuth("postmark", token).toString()).doesNotContain(token.reveal());
    }

    /** ECDSA P-256/SHA-256 over timestamp + body, as SendGrid documents; the JDK verifies. */
    private static boolean verifiesEcdsa(String base64Key, String timestamp, byte[] body, String signature) throws Exception {
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Key)));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initVerify(key);
        ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
        ecdsa.update(body);
        return ecdsa.verify(Base64.getDecoder().decode(signature));
    }
}
