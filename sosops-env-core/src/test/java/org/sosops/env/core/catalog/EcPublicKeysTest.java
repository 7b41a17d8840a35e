package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The P-256 fast path of {@link EcPublicKeys} and the platform fallback for other curves. */
class EcPublicKeysTest {
    private static final BigInteger P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B = new BigInteger(
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    private static byte[] publicKey(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair().getPublic().getEncoded();
    }

    private static boolean check(byte[] der) {
        return EcPublicKeys.isEcPublicKey(Base64.getEncoder().encodeToString(der));
    }

    private static byte[] withPoint(byte[] der, BigInteger x, BigInteger y) {
        byte[] copy = der.clone();
        int xStart = der.length - 64;
        System.arraycopy(unsigned32(x), 0, copy, xStart, 32);
        System.arraycopy(unsigned32(y), 0, copy, xStart + 32, 32);
        return copy;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    @Test
    void aGeneratedP256KeyIsOneAndItsBase64MayHaveBlanksAround() throws Exception {
        byte[] der = publicKey("secp256r1");
        assertThat(EcPublicKeys.isEcPublicKey(" " + Base64.getEncoder().encodeToString(der) + "\n")).isTrue();
    }

    @Test
    void aKeyOfAnotherCurveIsCheckedByThePlatform() throws Exception {
        assertThat(check(publicKey("secp384r1"))).isTrue();
        assertThat(check(Arrays.copyOf(publicKey("secp384r1"), 40))).isFalse();
        assertThat(EcPublicKeys.isEcPublicKey("not base64!")).isFalse();
    }

    @Test
    void aP256KeyMustHoldAnUncompressedPointOfTheCurve() throws Exception {
        byte[] der = publicKey("secp256r1");
        byte[] compressedMarker = der.clone();
        compressedMarker[der.length - 65] = 0x05;
        byte[] offCurve = der.clone();
        offCurve[der.length - 1] ^= 1;

        assertThat(check(compressedMarker)).isFalse();
        assertThat(check(offCurve)).isFalse();
    }

    @Test
    void aCoordinateOfPOrMoreIsRefusedEvenWhenItIsOnTheCurveModuloP() throws Exception {
        // (0, sqrt(b)) lies on P-256; writing x = 0 as x = p keeps the equation true modulo p.
        BigInteger y = B.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
        assertThat(y.multiply(y).mod(P)).as("b is a square modulo p").isEqualTo(B);
        byte[] der = publicKey("secp256r1");

        assertThat(check(withPoint(der, BigInteger.ZERO, y))).as("the canonical form").isTrue();
        assertThat(check(withPoint(der, P, y))).isFalse();
    }
}
