package org.sosops.env.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.sosops.env.promotion.PromotionInputException;

/**
 * Fuzzes the migration baseline reader: any bytes parse or fail with
 * {@link PromotionInputException} naming the file. Seeds in
 * {@code BaselineFuzzTestInputs/migrationBaseline/}; see docs/fuzzing.md.
 */
class BaselineFuzzTest {
    @FuzzTest(maxDuration = "")
    void migrationBaseline(byte[] input) {
        try {
            Baseline baseline = Baseline.parse("baseline.json", input);
            assertThat(baseline).isNotNull();
        } catch (PromotionInputException e) {
            assertThat(e.getMessage()).startsWith("baseline.json");
        }
    }
}
