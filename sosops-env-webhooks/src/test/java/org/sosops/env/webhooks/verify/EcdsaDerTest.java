package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;

/** The DER reader accepts exactly what BouncyCastle's strict decoder accepts, with the same values. */
class EcdsaDerTest {
    private static final BigInteger N = SECNamedCurves.getByName("secp256r1").getN();
    private static final byte[] GOOD = Base64.getDecoder().decode(
            "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=");

    @Test
    void readsACanonicalSignature() throws Exception {
        BigInteger[] ours = EcdsaDer.decode(GOOD, N);
        BigInteger[] bc = StandardDSAEncoding.INSTANCE.decode(N, GOOD);
        assertThat(ours).containsExactly(bc);
    }

    @Test
    void refusesEveryNonCanonicalForm() {
        String r = "00ad20725e1fddd8faaa58796af24a985082934636bfd4f94c94941914ea7ed103";
        String s = "253cf60bef1af31a276468ba0694b3a10b1b5516a6af69e5c450d660d1f68ffd";
        assertThat(EcdsaDer.decode(hex("3045" + "0221" + r + "0220" + s), N)).isNotNull();
        for (String bad : new String[] {
                "3046" + "0221" + r + "0220" + s + "00", // trailing byte
                "308145" + "0221" + r + "0220" + s, // long-form length
                "3045" + "0221" + r + "0320" + s, // not an INTEGER
                "3046" + "0222" + "00" + r + "0220" + s, // two leading zeros
                "3046" + "0221" + r + "0221" + "00" + s, // a zero before a clear high bit
                "3044" + "0220" + r.substring(2) + "0220" + s, // r reads as negative
                "3026" + "0201" + "00" + "0221" + r, // r = 0
                "3046" + "0221" + r + "0221" + "00" + N.toString(16), // s = n
                "3045" + "0221" + r + "0221" + s, // length beyond the end
                "", "30", "3000", "3006020100020100"}) {
            assertThat(EcdsaDer.decode(hex(bad), N)).as(bad).isNull();
        }
    }

    @Test
    void agreesWithBouncyCastleOnMutatedSignatures() {
        SplittableRandom random = new SplittableRandom(16);
        for (int round = 0; round < 200_000; round++) {
            byte[] der = mutate(random);
            BigInteger[] bc;
            try {
                bc = StandardDSAEncoding.INSTANCE.decode(N, der);
                if (bc[0].signum() == 0 || bc[1].signum() == 0) {
                    bc = null; // zero is never a valid r or s; refused earlier here, by the signer there
                }
            } catch (Exception e) {
                bc = null;
            }
            BigInteger[] ours = EcdsaDer.decode(der, N);
            if (bc == null) {
                assertThat(ours).as(HexFormat.of().formatHex(der)).isNull();
            } else {
                assertThat(ours).as(HexFormat.of().formatHex(der)).containsExactly(bc);
            }
        }
    }

    private static byte[] mutate(SplittableRandom random) {
        byte[] der = GOOD.clone();
        switch (random.nextInt(4)) {
            case 0 -> der[random.nextInt(der.length)] = (byte) random.nextInt(256);
            case 1 -> der[random.nextInt(6)] = (byte) random.nextInt(256);
            case 2 -> {
                byte[] shorter = new byte[random.nextInt(der.length)];
                System.arraycopy(der, 0, shorter, 0, shorter.length);
                der = shorter;
            }
            default -> {
                der[1] = (byte) (der[1] + random.nextInt(5) - 2);
                der[3] = (byte) (der[3] + random.nextInt(5) - 2);
                der[4] = (byte) random.nextInt(2);
            }
        }
        return der;
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }
}
