package org.sosops.env.webhooks.verify;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.bouncycastle.util.encoders.Hex;

/**
 * The one encoding SendGrid uses for its verification key, read without BouncyCastle's general
 * key factory: a P-256 SubjectPublicKeyInfo naming its curve, with an uncompressed point.
 *
 * <p>{@code sosops-env check} builds the verifier to validate {@code EMAIL_WEBHOOK_SIGNING_SECRET},
 * so this is on the path of every cold check. The general factory sets up a converter for every key
 * type it knows, and looking the curve up by name sets up BouncyCastle's table of every named curve
 * and its object identifiers: together a sixth of a cold check. Here the fixed 91-byte layout is
 * compared, and the curve's parameters are the ones SEC 2 publishes, set up as the named-curve table
 * sets them up (tests compare both with the general path). Any other encoding still goes through
 * the factory.
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

    /**
     * @throws IllegalArgumentException when the point is not on the curve (or is the identity)
     */
    static ECPublicKeyParameters decode(byte[] der) {
        byte[] point = Arrays.copyOfRange(der, PREFIX.length, der.length);
        // Both steps check the point: on the curve, not the identity, of the right order.
        return new ECPublicKeyParameters(P256.CURVE.decodePoint(point), P256.PARAMETERS);
    }

    /** Whether a key parsed some other way (compressed point, explicit parameters) is on P-256. */
    static boolean isP256(ECPublicKeyParameters key) {
        return key.getParameters().getCurve().equals(P256.CURVE);
    }

    /**
     * The same key on these parameters, whatever parsed it: so that every verification key shares
     * one generator, whose comb table ({@link WideComb}) is built once.
     */
    static ECPublicKeyParameters onP256(ECPublicKeyParameters key) {
        return key.getParameters() == P256.PARAMETERS ? key
                : new ECPublicKeyParameters(P256.CURVE.importPoint(key.getQ()), P256.PARAMETERS);
    }

    /** secp256r1 (SEC 2, §2.4.2), made on first use. */
    private static final class P256 {
        static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");
        static final ECCurve CURVE = new SecP256R1Curve();
        static final ECNamedDomainParameters PARAMETERS = new ECNamedDomainParameters(OID, CURVE, generator(),
                CURVE.getOrder(), CURVE.getCofactor(), Hex.decode("c49d360886e704936a6678e1139d26b7819f7e90"));

        private static ECPoint generator() {
            ECPoint g = CURVE.decodePoint(Hex.decode("04"
                    + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
                    + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"));
            // As the named-curve table does: G is used for every verification, so its multiples are
            // precomputed from the first one rather than after a few.
            WNafUtil.configureBasepoint(g);
            return g;
        }
    }
}
