package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.junit.jupiter.api.Test;

/** The DER reader at its limits: the shortest and longest canonical P-256 signatures, and r, s at n - 1 and n. */
class EcdsaDerBoundariesTest {
    private static final BigInteger N = SECNamedCurves.getByName("secp256r1").getN();
    /** 33 bytes: 0x00, then a 32-byte value whose high bit is set. */
    private static final String HIGH = "0221" + "00" + "80" + "00".repeat(31);
    private static final String N_MINUS_ONE = "0221" + "00" + N.subtract(BigInteger.ONE).toString(16);
    private static final String N_ITSELF = "0221" + "00" + N.toString(16);

    private static BigInteger[] decode(String hex) {
        return EcdsaDer.decode(HexFormat.of().parseHex(hex), N);
    }

    @Test
    void theShortestSignatureIsEightBytes() {
        assertThat(decode("3006" + "020101" + "020102")).containsExactly(BigInteger.ONE, BigInteger.TWO);
        assertThat(decode("3005" + "020101" + "0201")).isNull();
    }

    @Test
    void theLongestSignatureIsSeventyTwoBytesWithBothValuesPadded() {
        String longest = "3046" + HIGH + HIGH;
        assertThat(longest.length() / 2).isEqualTo(72);
        BigInteger half = BigInteger.ONE.shiftLeft(255);
        assertThat(decode(longest)).containsExactly(half, half);
    }

    @Test
    void valuesUpToNMinusOneAreReadAndNIsRefusedForBothRAndS() {
        assertThat(decode("3046" + N_MINUS_ONE + N_MINUS_ONE))
                .containsExactly(N.subtract(BigInteger.ONE), N.subtract(BigInteger.ONE));
        assertThat(decode("3046" + N_ITSELF + N_MINUS_ONE)).isNull();
        assertThat(decode("3046" + N_MINUS_ONE + N_ITSELF)).isNull();
    }

    @Test
    void zeroIsRefusedInAnyEncodingAndOneLeadingZeroOnlyBeforeAHighBit() {
        assertThat(decode("3007" + "02020000" + "020101")).isNull();
        assertThat(decode("3006" + "020101" + "020100")).isNull();
        assertThat(decode("3007" + "02020080" + "020101")).containsExactly(BigInteger.valueOf(128), BigInteger.ONE);
        assertThat(decode("3007" + "0202007f" + "020101")).isNull();
    }

    @Test
    void aSignatureEndingAfterRIsRefused() {
        assertThat(decode("3006" + "020401020304")).isNull();
        assertThat(decode("3008" + "020401020304" + "0200")).isNull();
    }
}
