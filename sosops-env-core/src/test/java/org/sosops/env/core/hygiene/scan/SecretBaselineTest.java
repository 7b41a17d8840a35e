package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBaselineTest {
    private static final String HASH = "a".repeat(64);

    @Test
    void aSaltWithAnOddNumberOfHexDigitsIsAMalformedLineNotACrash() {
        // Found by SecretBaselineFuzzTest: HexFormat threw IllegalArgumentException for 33 digits.
        assertThatThrownBy(() -> SecretBaseline.parse("b.txt", "salt " + "0".repeat(33) + "\n"))
                .isInstanceOf(SecretBaseline.BaselineException.class)
                .hasMessage("b.txt line 1: the salt must be hex");
    }

    @Test
    void aWellFormedBaselineRoundTripsThroughItsText() {
        SecretBaseline baseline = SecretBaseline.parse("b.txt",
                "salt 00112233445566778899aabbccddeeff\nsrc/A.java\tgeneric\tAUTH_SECRET\t" + HASH + "\n");
        assertThat(baseline.entries()).hasSize(1);
        assertThat(SecretBaseline.parse("again", baseline.toText()).entries()).isEqualTo(baseline.entries());
    }
}
