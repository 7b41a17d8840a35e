package org.sosops.env.benchmarks.webhooks;

import com.sendgrid.helpers.eventwebhook.EventWebhook;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.SendGridSignatureVerifier;
import org.sosops.env.webhooks.verify.Verification;

/**
 * SendGrid's published event-webhook vector: our verifier against a bare BouncyCastle
 * ECDSASigner verification of the same bytes, and sendgrid-java's EventWebhook (which needs the
 * "BC" JCA provider registered, done here for the peer only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SendGridVerificationBenchmark {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
    private static final String PAYLOAD = "{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}";
    private static final String SIGNATURE = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
    private static final String TIMESTAMP = "1588788367";

    private SendGridSignatureVerifier ours;
    private WebhookRequest request;
    private ECPublicKeyParameters bcKey;
    private byte[] timestamp;
    private byte[] payload;
    private BigInteger[] rs;
    private EventWebhook sendgridJava;
    private ECPublicKey jcaKey;

    @Setup
    public void setUp() throws Exception {
        ours = SendGridSignatureVerifier.withVerificationKey(Secret.of(KEY),
                Clock.fixed(Instant.ofEpochSecond(1588788367L), ZoneOffset.UTC));
        request = WebhookRequest.builder("POST", "/api/webhooks/email/events")
                .header("Content-Type", "application/json")
                .header(SendGridSignatureVerifier.SIGNATURE_HEADER, SIGNATURE)
                .header(SendGridSignatureVerifier.TIMESTAMP_HEADER, TIMESTAMP)
                .body(PAYLOAD.getBytes(StandardCharsets.UTF_8)).build();
        bcKey = (ECPublicKeyParameters) PublicKeyFactory.createKey(Base64.getDecoder().decode(KEY));
        timestamp = TIMESTAMP.getBytes(StandardCharsets.UTF_8);
        payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        rs = StandardDSAEncoding.INSTANCE.decode(bcKey.getParameters().getN(), Base64.getDecoder().decode(SIGNATURE));
        Security.addProvider(new BouncyCastleProvider());
        sendgridJava = new EventWebhook();
        jcaKey = sendgridJava.ConvertPublicKeyToECDSA(KEY);
        if (!ours.verify(request).verified() || !bareBouncyCastleEcdsaSigner()
                || !sendgridJava.VerifySignature(jcaKey, PAYLOAD, SIGNATURE, TIMESTAMP)) {
            throw new IllegalStateException("the benchmark request does not verify");
        }
    }

    @Benchmark
    public Verification sosopsVerify() {
        return ours.verify(request);
    }

    @Benchmark
    public boolean bareBouncyCastleEcdsaSigner() {
        SHA256Digest digest = new SHA256Digest();
        digest.update(timestamp, 0, timestamp.length);
        digest.update(payload, 0, payload.length);
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, bcKey);
        return signer.verifySignature(hash, rs[0], rs[1]);
    }

    @Benchmark
    public boolean sendgridJavaEventWebhook() throws Exception {
        return sendgridJava.VerifySignature(jcaKey, PAYLOAD, SIGNATURE, TIMESTAMP);
    }
}
