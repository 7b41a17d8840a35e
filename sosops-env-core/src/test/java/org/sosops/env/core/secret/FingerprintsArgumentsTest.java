package org.sosops.env.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What {@link Fingerprints} accepts, checked in an order that needs no slow derivation. */
class FingerprintsArgumentsTest {
    @Test
    void anEmptySaltStillKeysTheFastFingerprint() {
        assertThat(Fingerprints.fingerprint(new byte[0], "v")).isEqualTo(Fingerprints.fingerprint(new byte[1], "v"))
                .hasSize(64);
    }

    @Test
    void bothBoundsOfTheWorkFactorAreAccepted() {
        // An empty value is refused after the work factor is checked: the bounds pass without a derivation.
        for (int iterations : new int[] {Fingerprints.MIN_ITERATIONS, Fingerprints.MAX_ITERATIONS}) {
            assertThatThrownBy(() -> Fingerprints.derive(new byte[16], iterations, ""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("an empty value has no fingerprint");
        }
        assertThatThrownBy(() -> Fingerprints.derive(new byte[16], Fingerprints.MAX_ITERATIONS + 1, ""))
                .hasMessage("PBKDF2 iterations must be between 20000 and 400000");
        assertThatThrownBy(() -> Fingerprints.derive(new byte[16], Fingerprints.MIN_ITERATIONS - 1, ""))
                .hasMessage("PBKDF2 iterations must be between 20000 and 400000");
    }

    @Test
    void aSaltNeedsSixteenBytes() {
        assertThatThrownBy(() -> Fingerprints.derive(new byte[15], Fingerprints.MIN_ITERATIONS, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the salt must be at least 16 bytes");
        assertThat(Fingerprints.derive(new byte[16], Fingerprints.MIN_ITERATIONS, "v")).hasSize(64);
    }
}
