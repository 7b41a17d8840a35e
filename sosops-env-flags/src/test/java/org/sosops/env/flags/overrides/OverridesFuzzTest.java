package org.sosops.env.flags.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.sosops.env.core.variables.Variables;

/**
 * Fuzzes the override JSON parser: any value of any of the four variables either parses or is
 * reported as problems naming that variable; it never throws. The first byte picks the variable,
 * the rest is the JSON. Seeds in {@code OverridesFuzzTestInputs/overrideJson/}; see docs/fuzzing.md.
 */
class OverridesFuzzTest {
    @FuzzTest(maxDuration = "")
    void overrideJson(byte[] input) {
        if (input.length == 0) {
            return;
        }
        OverrideVariable variable = OverrideVariable.values()[(input[0] & 0xff) % OverrideVariable.values().length];
        String json = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        OverridesParse parse = Overrides.parse(Variables.of(Map.of(variable.name(), json)));
        if (parse instanceof OverridesParse.Invalid invalid) {
            assertThat(invalid.problems()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.variable()).isEqualTo(variable));
        } else {
            assertThat(((OverridesParse.Parsed) parse).overrides()).isNotNull();
        }
    }
}
