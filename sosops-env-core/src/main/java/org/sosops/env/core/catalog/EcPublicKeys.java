package org.sosops.env.core.catalog;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Recognises a base64 X.509 (SubjectPublicKeyInfo) EC public key, such as SendGrid's event
 * webhook verification key.
 *
 * <p>SendGrid keys are P-256: those are checked directly (DER header, uncompressed point, point on
 * the curve), which is about a hundred times cheaper than building a {@link KeyFactory}. Any other
 * encoding goes through the platform's {@code KeyFactory}.
 */
final class EcPublicKeys {
    /** SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (66 bytes, no unused bits) }. */
    private static final byte[] P256_SPKI_HEADER = {
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01,
            0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
    private static final int COORDINATE_BYTES = 32;
    private static final int P256_SPKI_LENGTH = P256_SPKI_HEADER.length + 1 + 2 * COORDINATE_BYTES;
    private static final BigInteger P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B = new BigInteger(
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private EcPublicKeys() {
    }

    static boolean isEcPublicKey(String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (der.length == P256_SPKI_LENGTH
                && Arrays.equals(der, 0, P256_SPKI_HEADER.length, P256_SPKI_HEADER, 0, P256_SPKI_HEADER.length)) {
            return isUncompressedP256Point(der, P256_SPKI_HEADER.length);
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey;
        } catch (InvalidKeySpecException | NoSuchAlgorithmException | RuntimeException e) {
            return false;
        }
    }

    /** 0x04 ‖ x ‖ y with y² = x³ − 3x + b (mod p): a point of the curve, not just 64 bytes. */
    private static boolean isUncompressedP256Point(byte[] der, int offset) {
        if (der[offset] != 0x04) {
            return false;
        }
        int xStart = offset + 1;
        int yStart = xStart + COORDINATE_BYTES;
        BigInteger x = new BigInteger(1, der, xStart, COORDINATE_BYTES);
        BigInteger y = new BigInteger(1, der, yStart, COORDINATE_BYTES);
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        // Reduce after each product so no operand grows past 512 bits.
        BigInteger left = y.multiply(y).mod(P);
        BigInteger right = x.multiply(x).subtract(THREE).mod(P).multiply(x).add(B).mod(P);
        return left.equals(right);
    }
}
