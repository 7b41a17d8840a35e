package org.sosops.env.testing.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs event webhooks as SendGrid does, from its published algorithm ("Event Webhook security"):
 * ECDSA over P-256 with SHA-256 of the timestamp (decimal epoch seconds) followed by the raw body,
 * sent as a base64 DER signature in {@value #SIGNATURE_HEADER} with the timestamp in
 * {@value #TIMESTAMP_HEADER}. The verification key ({@code EMAIL_WEBHOOK_SIGNING_SECRET}) is the
 * base64 X.509 encoding of the public key.
 *
 * <pre>{@code
 * SendGridSigner sendgrid = SendGridSigner.generate();
 * String verificationKey = sendgrid.verificationKey().orElseThrow();   // put in EMAIL_WEBHOOK_SIGNING_SECRET
 * SignedWebhook events = sendgrid.sign(url, body, clock.instant());
 * }</pre>
 */
public final class SendGridSigner {
    public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final PrivateKey privateKey;
    private final Optional<String> verificationKey;

    private SendGridSigner(PrivateKey privateKey, Optional<String> verificationKey) {
        this.privateKey = privateKey;
        this.verificationKey = verificationKey;
    }

    /** A signer with a fresh P-256 key pair. */
    public static SendGridSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new SendGridSigner(pair.getPrivate(),
                    Optional.of(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's EC provider is required for SendGrid signatures", e);
        }
    }

    /** A signer with this P-256 private key, e.g. {@code FakeEnvironment#sendGridSigningKey()}. */
    public static SendGridSigner withPrivateKey(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (!(privateKey instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("SendGrid signs with an EC (P-256) key");
        }
        return new SendGridSigner(privateKey, Optional.empty());
    }

    /** The base64 public key a verifier needs, when this signer generated its own pair. */
    public Optional<String> verificationKey() {
        return verificationKey;
    }

    /** The base64 DER signature of {@code timestamp + body}. */
    public String signature(String timestamp, byte[] body) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(privateKey);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            return Base64.getEncoder().encodeToString(ecdsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA signing failed", e);
        }
    }

    public SignedWebhook sign(String url, byte[] body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SIGNATURE_HEADER, signature(timestamp, body));
        headers.put(TIMESTAMP_HEADER, timestamp);
        return new SignedWebhook(url, "application/json", headers, body);
    }

    @Override
    public String toString() {
        return "SendGridSigner[P-256]";
    }
}
