package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointPreCompInfo;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.junit.jupiter.api.Test;

/**
 * The 8-bit comb tables against plain double-and-add on a separate curve instance, which shares no
 * precomputation with the prepared points.
 */
class WideCombTest {
    private static final ECCurve PREPARED_CURVE = new SecP256R1Curve();
    private static final ECCurve PLAIN_CURVE = new SecP256R1Curve();
    private static final BigInteger N = PREPARED_CURVE.getOrder();
    private static final byte[] G = org.bouncycastle.util.encoders.Hex.decode("04"
            + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
            + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

    @Test
    void aPreparedPointMultipliesLikePlainDoubleAndAdd() {
        Random random = new Random(256);
        ECPoint plainG = PLAIN_CURVE.decodePoint(G);
        ECPoint point = plainG.multiply(new BigInteger(255, random)).normalize();
        ECPoint prepared = PREPARED_CURVE.decodePoint(point.getEncoded(false));
        WideComb.prepare(prepared);

        for (BigInteger k : scalars(random)) {
            ECPoint viaComb = new FixedPointCombMultiplier().multiply(prepared, k).normalize();
            assertThat(viaComb.getEncoded(false)).as("k = %s", k).isEqualTo(point.multiply(k).normalize().getEncoded(false));
        }
    }

    @Test
    void theSumOfTwoMultiplesOfAVerificationIsUnchanged() {
        Random random = new Random(2_104);
        ECPoint plainG = PLAIN_CURVE.decodePoint(G);
        ECPoint preparedG = PREPARED_CURVE.decodePoint(G);
        WideComb.prepare(preparedG);
        for (int key = 0; key < 8; key++) {
            ECPoint plainQ = plainG.multiply(new BigInteger(256, random).mod(N)).normalize();
            ECPoint preparedQ = PREPARED_CURVE.decodePoint(plainQ.getEncoded(false));
            WideComb.prepare(preparedQ);
            List<BigInteger> scalars = scalars(random);
            for (int i = 0; i < scalars.size(); i++) {
                BigInteger u1 = scalars.get(i);
                BigInteger u2 = scalars.get(scalars.size() - 1 - i);
                ECPoint ours = ECAlgorithms.sumOfTwoMultiplies(preparedG, u1, preparedQ, u2).normalize();
                ECPoint plain = plainG.multiply(u1).add(plainQ.multiply(u2)).normalize();
                assertThat(ours.getEncoded(false)).as("key %d, u1 = %s, u2 = %s", key, u1, u2).isEqualTo(plain.getEncoded(false));
            }
        }
    }

    @Test
    void preparesEachPointOnceWithEightBitColumns() {
        ECPoint g = PREPARED_CURVE.decodePoint(G).multiply(BigInteger.valueOf(7)).normalize();
        WideComb.prepare(g);
        FixedPointPreCompInfo first = FixedPointUtil.precompute(g);
        WideComb.prepare(g);
        assertThat(first.getWidth()).isEqualTo(WideComb.WIDTH);
        assertThat(first.getLookupTable().getSize()).isEqualTo(1 << WideComb.WIDTH);
        assertThat(FixedPointUtil.precompute(g)).isSameAs(first);
    }

    /** Edge scalars (0, 1, 2, n − 1, n − 2, powers of two near the comb's columns) and random ones below n. */
    private static List<BigInteger> scalars(Random random) {
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(31),
                BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).mod(N)));
        for (int i = 0; i < 40; i++) {
            scalars.add(new BigInteger(256, random).mod(N));
        }
        return scalars;
    }
}
