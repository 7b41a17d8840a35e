package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the secret-scan baseline reader: any text parses or fails with
 * {@link SecretBaseline.BaselineException}; what parses writes back to text that parses to the
 * same entries. Seeds in {@code SecretBaselineFuzzTestInputs/secretBaseline/}; see docs/fuzzing.md.
 */
class SecretBaselineFuzzTest {
    @FuzzTest(maxDuration = "")
    void secretBaseline(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SecretBaseline baseline;
        try {
            baseline = SecretBaseline.parse("fuzz.baseline", text);
        } catch (SecretBaseline.BaselineException e) {
            assertThat(e.getMessage()).startsWith("fuzz.baseline");
            return;
        }
        SecretBaseline again = SecretBaseline.parse("again", baseline.toText());
        assertThat(again.entries()).containsExactlyInAnyOrderElementsOf(baseline.entries());
    }
}
