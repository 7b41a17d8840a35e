package org.sosops.env.webhooks.verify;

import java.math.BigInteger;

/**
 * Reads a DER ECDSA signature, {@code SEQUENCE { INTEGER r, INTEGER s }}, straight from its bytes.
 * Only the canonical encoding is accepted (short-form lengths, minimal positive integers, nothing
 * after the sequence), so each signature has exactly one accepted byte string, as with
 * BouncyCastle's {@code StandardDSAEncoding}, without building an ASN.1 tree and re-encoding it to
 * compare.
 *
 * <pre>{@code
 * BigInteger[] rs = EcdsaDer.decode(der, curveOrder); // null when not a canonical signature
 * }</pre>
 */
final class EcdsaDer {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private EcdsaDer() {
    }

    /**
     * @param order the curve's order n; {@code r} and {@code s} must lie in [1, n - 1]
     * @return {@code {r, s}}, or {@code null} when {@code der} is not one canonical signature
     */
    static BigInteger[] decode(byte[] der, BigInteger order) {
        int fieldBytes = (order.bitLength() + 7) / 8;
        // Short-form length only: a signature body is at most 2 * (2 + fieldBytes + 1) bytes.
        if (der.length < 8 || der.length > 2 * (fieldBytes + 3) + 2 || der[0] != SEQUENCE || der[1] != der.length - 2) {
            return null;
        }
        int rEnd = integerEnd(der, 2, fieldBytes);
        if (rEnd < 0) {
            return null;
        }
        int sEnd = integerEnd(der, rEnd, fieldBytes);
        if (sEnd != der.length) {
            return null;
        }
        BigInteger r = new BigInteger(1, der, 4, der[3]);
        BigInteger s = new BigInteger(1, der, rEnd + 2, der[rEnd + 1]);
        return r.compareTo(order) < 0 && s.compareTo(order) < 0 ? new BigInteger[] {r, s} : null;
    }

    /** The end of the minimal positive INTEGER at {@code at}, or -1. */
    private static int integerEnd(byte[] der, int at, int fieldBytes) {
        if (at + 2 > der.length || der[at] != INTEGER) {
            return -1;
        }
        int length = der[at + 1];
        int first = at + 2;
        // One leading zero is allowed only to keep a high bit from reading as a sign.
        if (length < 1 || length > fieldBytes + 1 || first + length > der.length
                || der[first] < 0
                || der[first] == 0 && (length == 1 || der[first + 1] >= 0)
                || length == fieldBytes + 1 && der[first] != 0) {
            return -1;
        }
        return first + length;
    }
}
