package org.sosops.env.core.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the exception register parser ({@code RISKS_DECISIONS.md}): any text parses or fails
 * with {@link RegisterException}, whose message is one line. Seeds in
 * {@code ExceptionRegisterFuzzTestInputs/registerMarkdown/}; see docs/fuzzing.md.
 */
class ExceptionRegisterFuzzTest {
    @FuzzTest(maxDuration = "")
    void registerMarkdown(byte[] input) {
        String markdown = new String(input, StandardCharsets.UTF_8);
        try {
            ExceptionRegister register = ExceptionRegister.parse("RISKS_DECISIONS.md", markdown);
            assertThat(register).isNotNull();
        } catch (RegisterException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
