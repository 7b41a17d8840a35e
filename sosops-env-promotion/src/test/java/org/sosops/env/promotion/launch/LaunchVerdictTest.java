package org.sosops.env.promotion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchVerdictTest {
    private static final ItemResult PASSED = new ItemResult.Passed("all good");
    private static final ItemResult SKIPPED = new ItemResult.Skipped("not asked");
    private static final ItemResult FAILED = new ItemResult.Failed("2 problems", List.of("first", "second"));
    private static final ItemResult ERRORED = new ItemResult.Errored("file not found");

    private static LaunchVerdict verdict(ItemResult... results) {
        List<LaunchVerdict.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            entries.add(new LaunchVerdict.Entry("item" + i, results[i]));
        }
        return new LaunchVerdict(entries);
    }

    @Test
    void eachResultHasItsStatusWord() {
        assertThat(LaunchVerdict.status(PASSED)).isEqualTo("pass");
        assertThat(LaunchVerdict.status(FAILED)).isEqualTo("fail");
        assertThat(LaunchVerdict.status(ERRORED)).isEqualTo("error");
        assertThat(LaunchVerdict.status(SKIPPED)).isEqualTo("skip");
    }

    @Test
    void passedAndSkippedItemsAreAGoButAFailureOrAnErrorIsNot() {
        assertThat(verdict(PASSED, SKIPPED).go()).isTrue();
        assertThat(verdict().go()).isTrue();
        assertThat(verdict(PASSED, FAILED).go()).isFalse();
        assertThat(verdict(ERRORED, PASSED).go()).isFalse();

        assertThat(verdict(PASSED, FAILED).anyErrored()).isFalse();
        assertThat(verdict(PASSED, ERRORED).anyErrored()).isTrue();

        assertThat(verdict(PASSED, FAILED, SKIPPED, ERRORED).failing()).extracting(LaunchVerdict.Entry::item)
                .containsExactly("item1", "item3");
    }

    @Test
    void theTextIsOneAlignedLinePerItemWithTheProblemsOfFailuresUnderIt() {
        assertThat(verdict(PASSED, FAILED, SKIPPED).toText()).isEqualTo(
                "PASS  item0           all good\n"
                        + "FAIL  item1           2 problems\n"
                        + "        - first\n"
                        + "        - second\n"
                        + "SKIP  item2           not asked\n"
                        + "NO-GO: 1 failing item (item1)");
    }

    @Test
    void theLastLineCountsEveryFailingItem() {
        assertThat(verdict(ERRORED, PASSED, FAILED).toText()).startsWith("ERROR item0           file not found\n")
                .endsWith("\nNO-GO: 2 failing items (item0, item2)");
        assertThat(verdict(PASSED).toText()).isEqualTo("PASS  item0           all good\nGO: every checklist item passed");
    }
}
