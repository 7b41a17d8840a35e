package org.sosops.env.core.hygiene.crossenv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the fingerprint list reader ({@code SOSOPS_SECRET_FINGERPRINTS[_FILE]}): any text parses
 * or fails with {@link IllegalArgumentException} naming the source; what parses has usable salts
 * and round-trips through its text. Seeds in {@code FingerprintListFuzzTestInputs/fingerprintList/}.
 */
class FingerprintListFuzzTest {
    @FuzzTest(maxDuration = "")
    void fingerprintList(byte[] input) {
        FingerprintList list;
        try {
            list = FingerprintList.parse("fuzz", new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("fuzz");
            return;
        }
        list.entries().forEach(e -> assertThat(e.salt()).hasSizeGreaterThanOrEqualTo(16));
        assertThat(FingerprintList.parse("again", list.toText())).isEqualTo(list);
    }
}
