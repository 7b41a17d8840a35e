package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sosops.env.webhooks.verify.SendGridSignatureVerifierTest.request;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The verifier against BouncyCastle's own ECDSA verify on random keys and signatures, genuine and
 * tampered, and from several threads at once on a fresh key (whose point tables BouncyCastle builds
 * lazily during the first verifications).
 */
class SendGridAgreementTest {
    private static final ECDomainParameters P256 = p256();
    private static final BigInteger N = P256.getN();
    private static final String TIMESTAMP = "1700000000";

    private static ECDomainParameters p256() {
        try {
            return ((ECPublicKeyParameters) PublicKeyFactory.createKey(
                    Base64.getDecoder().decode(SendGridSignatureVerifierTest.VENDOR_KEY))).getParameters();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair from a seeded random, so a failure replays. */
    private record Signer(ECPrivateKeyParameters secret, ECPublicKeyParameters pub) {
        static Signer random(Random random) {
            BigInteger d;
            do {
                d = new BigInteger(N.bitLength(), random);
            } while (d.signum() == 0 || d.compareTo(N) >= 0);
            return new Signer(new ECPrivateKeyParameters(d, P256),
                    new ECPublicKeyParameters(P256.getG().multiply(d).normalize(), P256));
        }

        SendGridSignatureVerifier verifier() throws Exception {
            String key = Base64.getEncoder().encodeToString(
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded());
            return SendGridSignatureVerifier.withVerificationKey(Secret.of(key), MutableClock.at(1700000000L));
        }

        /** The same key with its point compressed: read by BouncyCastle's key factory, not by P256Keys. */
        SendGridSignatureVerifier verifierFromCompressedKey() throws Exception {
            org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
            byte[] der = new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(info.getAlgorithm(), pub.getQ().getEncoded(true))
                    .getEncoded();
            return SendGridSignatureVerifier.withVerificationKey(Secret.of(Base64.getEncoder().encodeToString(der)),
                    MutableClock.at(1700000000L));
        }

        BigInteger[] sign(String body) {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, secret);
            return signer.generateSignature(hash(body));
        }

        boolean bouncyCastleVerifies(String body, BigInteger r, BigInteger s) {
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, pub);
            return signer.verifySignature(hash(body), r, s);
        }
    }

    private static byte[] hash(String body) {
        byte[] signed = (TIMESTAMP + body).getBytes(StandardCharsets.UTF_8);
        SHA256Digest digest = new SHA256Digest();
        digest.update(signed, 0, signed.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** Any r and s, in range or not, as a canonical DER sequence. */
    private static String der(BigInteger r, BigInteger s) {
        try {
            return Base64.getEncoder().encodeToString(new DERSequence(new ASN1Encodable[] {
                    new ASN1Integer(r), new ASN1Integer(s)}).getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomBody(Random random) {
        return "[{\"event\":\"delivered\",\"sg_event_id\":\"" + Long.toHexString(random.nextLong()) + "\"}]";
    }

    @Test
    void aKeyInAnotherEncodingIsMovedOntoTheSharedParametersAndVerifiesAlike() throws Exception {
        Random random = new Random(65);
        for (int k = 0; k < 6; k++) {
            Signer signer = Signer.random(random);
            SendGridSignatureVerifier verifier = signer.verifierFromCompressedKey();
            for (int m = 0; m < 3; m++) {
                String body = randomBody(random);
                BigInteger[] rs = signer.sign(body);
                assertThat(verifier.verify(request(body, der(rs[0], rs[1]), TIMESTAMP)).verified()).isTrue();
                assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(body + " ", der(rs[0], rs[1]), TIMESTAMP))))
                        .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
            }
        }
    }

    @Test
    void agreesWithBouncyCastleOnGenuineMirroredAndTamperedSignatures() throws Exception {
        Random random = new Random(20261201L);
        for (int k = 0; k < 12; k++) {
            Signer signer = Signer.random(random);
            SendGridSignatureVerifier verifier = signer.verifier();
            for (int m = 0; m < 4; m++) {
                String body = randomBody(random);
                BigInteger[] rs = signer.sign(body);
                BigInteger r = rs[0];
                BigInteger s = rs[1];
                BigInteger otherR = r.add(BigInteger.ONE).mod(N).max(BigInteger.ONE);

                assertThat(verifier.verify(request(body, der(r, s), TIMESTAMP)).verified()).isTrue();
                // Nothing in SendGrid's scheme asks for low S, so the mirrored signature (n - s) is genuine, as BouncyCastle says.
                assertThat(signer.bouncyCastleVerifies(body, r, N.subtract(s))).isTrue();
                assertThat(verifier.verify(request(body, der(r, N.subtract(s)), TIMESTAMP)).verified()).isTrue();
                assertThat(signer.bouncyCastleVerifies(body + " ", r, s)).isFalse();
                assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(body + " ", der(r, s), TIMESTAMP))))
                        .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
                assertThat(signer.bouncyCastleVerifies(body, otherR, s)).isFalse();
                assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(body, der(otherR, s), TIMESTAMP))))
                        .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
                // s + n has the same inverse mod n; BouncyCastle refuses it, and so does the DER reader.
                assertThat(signer.bouncyCastleVerifies(body, r, s.add(N))).isFalse();
                assertThat(TwilioSignatureVerifierTest.reason(verifier.verify(request(body, der(r, s.add(N)), TIMESTAMP))))
                        .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
            }
        }
    }

    @Test
    void concurrentRequestsOnAFreshVerifierEachGetTheRightAnswer() throws Exception {
        Random random = new Random(99);
        Signer signer = Signer.random(random);
        SendGridSignatureVerifier verifier = signer.verifier();
        int cases = 30;
        List<WebhookRequest> genuine = new ArrayList<>();
        List<WebhookRequest> tampered = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String body = randomBody(random);
            BigInteger[] rs = signer.sign(body);
            genuine.add(request(body, der(rs[0], rs[1]), TIMESTAMP));
            tampered.add(request(body.replace("delivered", "bounce"), der(rs[0], rs[1]), TIMESTAMP));
        }
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> mistakes = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Callable<Integer> worker = () -> {
                    start.await();
                    int wrong = 0;
                    for (int i = 0; i < 2 * cases; i++) {
                        int index = (i + offset) % cases;
                        boolean real = (i + offset) % 2 == 0;
                        Verification answer = verifier.verify(real ? genuine.get(index) : tampered.get(index));
                        if (answer.verified() != real) {
                            wrong++;
                        }
                    }
                    return wrong;
                };
                mistakes.add(pool.submit(worker));
            }
            start.countDown();
            for (Future<Integer> wrong : mistakes) {
                assertThat(wrong.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
