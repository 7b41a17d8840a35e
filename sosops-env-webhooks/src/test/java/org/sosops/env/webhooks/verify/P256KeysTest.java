package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;

/** SendGrid's key encoding read directly gives what BouncyCastle's general key factory gives. */
class P256KeysTest {
    private static final SecureRandom RANDOM = new SecureRandom(new byte[] {7});

    @Test
    void readsEveryNamedCurveKeyAsTheGeneralFactoryDoes() throws Exception {
        for (String vendor : new String[] {SendGridSignatureVerifierTest.VENDOR_KEY, SendGridSignatureVerifierTest.VENDOR_OTHER_KEY}) {
            assertSameAsFactory(Base64.getDecoder().decode(vendor));
        }
        for (int i = 0; i < 50; i++) {
            assertSameAsFactory(encode(newKey(SECObjectIdentifiers.secp256r1), false));
        }
    }

    @Test
    void aPointOffTheCurveIsRefusedWithoutQuotingTheKey() throws Exception {
        byte[] der = encode(newKey(SECObjectIdentifiers.secp256r1), false);
        der[der.length - 1] ^= 1;
        assertThat(P256Keys.isNamedCurveEncoding(der)).isTrue();
        String key = Base64.getEncoder().encodeToString(der);
        assertThatThrownBy(() -> SendGridSignatureVerifier.withVerificationKey(Secret.of(key), MutableClock.at(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a point of the curve")
                .hasMessageNotContaining(key);
    }

    @Test
    void otherEncodingsOfAP256KeyStillWorkAndOtherCurvesAreRefused() throws Exception {
        byte[] compressed = encode(newKey(SECObjectIdentifiers.secp256r1), true);
        assertThat(P256Keys.isNamedCurveEncoding(compressed)).isFalse();
        SendGridSignatureVerifier.withVerificationKey(Secret.of(Base64.getEncoder().encodeToString(compressed)), MutableClock.at(0));

        // secp256k1 has a 256-bit field too, but SendGrid signs on P-256 only.
        byte[] k1 = encode(newKey(SECObjectIdentifiers.secp256k1), false);
        assertThat(P256Keys.isNamedCurveEncoding(k1)).isFalse();
        assertThatThrownBy(() -> SendGridSignatureVerifier.withVerificationKey(
                Secret.of(Base64.getEncoder().encodeToString(k1)), MutableClock.at(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another key type or curve");
    }

    private static void assertSameAsFactory(byte[] der) throws Exception {
        assertThat(P256Keys.isNamedCurveEncoding(der)).isTrue();
        ECPublicKeyParameters general = (ECPublicKeyParameters) PublicKeyFactory.createKey(der);
        ECPublicKeyParameters direct = P256Keys.decode(der);
        assertThat(direct.getQ()).isEqualTo(general.getQ());
        assertThat(direct.getParameters()).isEqualTo(general.getParameters());
        assertThat(direct.getParameters().getSeed()).isEqualTo(general.getParameters().getSeed());
        assertThat(((ECNamedDomainParameters) direct.getParameters()).getName())
                .isEqualTo(((ECNamedDomainParameters) general.getParameters()).getName());
    }

    private static ECPublicKeyParameters newKey(org.bouncycastle.asn1.ASN1ObjectIdentifier curveId) {
        X9ECParameters curve = CustomNamedCurves.getByOID(curveId);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(curveId, curve), RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return (ECPublicKeyParameters) pair.getPublic();
    }

    private static byte[] encode(ECPublicKeyParameters key, boolean compressed) throws Exception {
        ECPublicKeyParameters encoded = compressed
                ? new ECPublicKeyParameters(key.getQ().getCurve().decodePoint(key.getQ().getEncoded(true)), key.getParameters())
                : key;
        byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(encoded).getEncoded();
        if (compressed) {
            // The factory writes the point uncompressed; put the compressed form in its place.
            return replacePoint(der, key.getQ().getEncoded(true));
        }
        return der;
    }

    private static byte[] replacePoint(byte[] uncompressedDer, byte[] compressedPoint) throws Exception {
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(uncompressedDer);
        return new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(info.getAlgorithm(), compressedPoint).getEncoded();
    }
}
