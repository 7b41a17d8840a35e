package org.sosops.env.webhooks.verify;

import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The one encoding SendGrid uses for its verification key, read without BouncyCastle's general
 * key factory: a P-256 SubjectPublicKeyInfo naming its curve, with an uncompressed point.
 *
 * <p>The general factory sets up a converter for every key type it knows and parses the whole
 * ASN.1 structure; for this fixed 91-byte layout that was a tenth of a cold {@code sosops-env
 * check}, which builds the verifier to validate {@code EMAIL_WEBHOOK_SIGNING_SECRET}. The result is
 * the same parameters the factory returns, and any other encoding still goes through it.
 */
final class P256Keys {
    /** SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (66 bytes, no unused bits) }. */
    private static final byte[] PREFIX = {
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01,
            0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
    /** 0x04, then x and y of 32 bytes each. */
    private static final int POINT_LENGTH = 65;

    private P256Keys() {
    }

    static boolean isNamedCurveEncoding(byte[] der) {
        return der.length == PREFIX.length + POINT_LENGTH
                && Arrays.equals(der, 0, PREFIX.length, PREFIX, 0, PREFIX.length)
                && der[PREFIX.length] == 0x04;
    }

    /** Whether a key parsed some other way (compressed point, explicit parameters) is on P-256. */
    static boolean isP256(ECPublicKeyParameters key) {
        return key.getParameters().getCurve().equals(p256().getCurve());
    }

    /**
     * @throws IllegalArgumentException when the point is not on the curve (or is the identity)
     */
    static ECPublicKeyParameters decode(byte[] der) {
        X9ECParameters curve = p256();
        byte[] point = Arrays.copyOfRange(der, PREFIX.length, der.length);
        // Both constructors check the point: on the curve, not the identity, of the right order.
        return new ECPublicKeyParameters(curve.getCurve().decodePoint(point),
                new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve));
    }

    private static X9ECParameters p256() {
        return CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
    }
}
