package org.sosops.env.promotion.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.sosops.env.promotion.PromotionInputException;

/**
 * Fuzzes the smoke seed list reader: any text parses to checks (and admin-only paths) that start with '/', or
 * fails with {@link PromotionInputException} naming the file. Seeds in
 * {@code SeedListFuzzTestInputs/seedList/}; see docs/fuzzing.md.
 */
class SeedListFuzzTest {
    @FuzzTest(maxDuration = "")
    void seedList(byte[] input) {
        try {
            SeedList seeds = SeedList.parse("seed.json", new String(input, StandardCharsets.UTF_8));
            assertThat(seeds.checks()).allSatisfy(c -> assertThat(c.path()).startsWith("/"));
            seeds.adminOnly().ifPresent(paths -> assertThat(paths).allSatisfy(p -> assertThat(p).startsWith("/")));
        } catch (PromotionInputException e) {
            assertThat(e.getMessage()).startsWith("seed.json");
        }
    }
}
