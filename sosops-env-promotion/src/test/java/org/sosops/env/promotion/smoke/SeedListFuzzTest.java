package org.sosops.env.promotion.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sosops.env.promotion.PromotionInputException;

/**
 * Fuzzes the smoke seed list reader: any text parses to checks whose paths start with '/', or
 * fails with {@link PromotionInputException} naming the file. Seeds in
 * {@code SeedListFuzzTestInputs/seedList/}; see docs/fuzzing.md.
 */
class SeedListFuzzTest {
    @FuzzTest(maxDuration = "")
    void seedList(byte[] input) {
        try {
            List<SmokeCheck> checks = SeedList.parse("seed.json", new String(input, StandardCharsets.UTF_8));
            assertThat(checks).allSatisfy(c -> assertThat(c.path()).startsWith("/"));
        } catch (PromotionInputException e) {
            assertThat(e.getMessage()).startsWith("seed.json");
        }
    }
}
