package org.sosops.env.webhooks.verify;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointPreCompInfo;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.PreCompInfo;
import org.bouncycastle.math.ec.WNafUtil;

/**
 * BouncyCastle's fixed-point comb for a point that verifies many signatures, with 8-bit columns
 * instead of the 6 BouncyCastle chooses for a 256-bit curve.
 *
 * <p>Once a point has served a few verifications, BouncyCastle's ECDSA verification computes
 * {@code u1·G + u2·Q} with one comb over precomputed multiples of both points, one doubling and
 * two additions per column. Six-bit columns make 43 of them; eight-bit ones make 32, a quarter fewer,
 * for tables of 256 points instead of 64 (about 40 KB per key). BouncyCastle uses whatever table a
 * point already has when it is at least as large as its own, and needs both points' tables to have
 * the same width, so the generator and each key are prepared alike. The table is built exactly as
 * {@link FixedPointUtil#precompute(ECPoint)} builds it, with the width as the only change.
 */
final class WideComb {
    static final int WIDTH = 8;

    private WideComb() {
    }

    /**
     * Prepares {@code point} (once; later calls find the table): the 8-bit comb table, and the
     * point marked as reused so that the comb is used from its first verification.
     */
    static void prepare(ECPoint point) {
        WNafUtil.configureBasepoint(point);
        ECCurve curve = point.getCurve();
        curve.precompute(point, FixedPointUtil.PRECOMP_NAME, existing -> isWide(existing) ? existing : table(point));
    }

    private static boolean isWide(PreCompInfo existing) {
        return existing instanceof FixedPointPreCompInfo info && info.getWidth() == WIDTH;
    }

    private static FixedPointPreCompInfo table(ECPoint point) {
        ECCurve curve = point.getCurve();
        int columns = (FixedPointUtil.getCombSize(curve) + WIDTH - 1) / WIDTH;
        // point · 2^(columns·i) for each row i, then the offset the comb adds back at the end.
        ECPoint[] rows = new ECPoint[WIDTH + 1];
        rows[0] = point;
        for (int i = 1; i < WIDTH; i++) {
            rows[i] = rows[i - 1].timesPow2(columns);
        }
        rows[WIDTH] = rows[0].subtract(rows[1]);
        curve.normalizeAll(rows);
        // Entry b is the point plus the rows whose bit is set in b (BouncyCastle's layout, which the
        // offset above corrects at the end of each multiplication).
        ECPoint[] sums = new ECPoint[1 << WIDTH];
        sums[0] = rows[0];
        for (int bit = WIDTH - 1; bit >= 0; bit--) {
            int step = 1 << bit;
            for (int i = step; i < sums.length; i += step << 1) {
                sums[i] = sums[i - step].add(rows[bit]);
            }
        }
        curve.normalizeAll(sums);
        FixedPointPreCompInfo info = new FixedPointPreCompInfo();
        info.setLookupTable(curve.createCacheSafeLookupTable(sums, 0, sums.length));
        info.setOffset(rows[WIDTH]);
        info.setWidth(WIDTH);
        return info;
    }
}
