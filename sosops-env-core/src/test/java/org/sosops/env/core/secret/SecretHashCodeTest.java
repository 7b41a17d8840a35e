package org.sosops.env.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Secret#hashCode()} is a keyed hash: odd, spread over every bit, never the value's own hash. */
class SecretHashCodeTest {
    private static final int SAMPLES = 2000;

    @Test
    void everyBitButTheLowestIsSetInAboutHalfOfTheHashCodes() {
        int[] setCounts = new int[32];
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            int hash = Secret.of("value-" + i).hashCode();
            distinct.add(hash);
            for (int bit = 0; bit < 32; bit++) {
                if ((hash >>> bit & 1) == 1) {
                    setCounts[bit]++;
                }
            }
        }
        assertThat(setCounts[0]).as("the lowest bit keeps a computed hash from being 0").isEqualTo(SAMPLES);
        for (int bit = 1; bit < 32; bit++) {
            // For a uniform hash each count is Binomial(2000, 1/2): 30 %..70 % is over 17 standard deviations wide.
            assertThat(setCounts[bit]).as("bit " + bit).isBetween(SAMPLES * 3 / 10, SAMPLES * 7 / 10);
        }
        assertThat(distinct.size()).isGreaterThan(SAMPLES * 99 / 100);
    }

    @Test
    void blankMeansOnlyWhitespace() {
        assertThat(Secret.of(" \t").isBlank()).isTrue();
        assertThat(Secret.of("").isBlank()).isTrue();
        assertThat(Secret.of(" x ").isBlank()).isFalse();
    }
}
