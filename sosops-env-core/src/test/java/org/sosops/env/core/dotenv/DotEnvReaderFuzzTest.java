package org.sosops.env.core.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sosops.env.core.variables.VariableValue;

/**
 * Fuzzes the {@code .env} reader: any text either parses or fails with {@link DotEnvException};
 * a secret on a well-formed line never shows in the error about another line. Seeds in
 * {@code DotEnvReaderFuzzTestInputs/dotEnvText/}; see docs/fuzzing.md.
 */
class DotEnvReaderFuzzTest {
    static final String PLANTED = "Pl4ntedDotEnvS3cretQ9";

    @FuzzTest(maxDuration = "")
    void dotEnvText(byte[] input) {
        String fuzz = new String(input, StandardCharsets.UTF_8);
        // The planted line is well formed whatever surrounds it, so no message may quote it.
        String text = (input.length % 2 == 0)
                ? "TWILIO_AUTH_TOKEN=" + PLANTED + "\n" + fuzz
                : fuzz + "\nTWILIO_AUTH_TOKEN=" + PLANTED + "\n";
        try {
            List<VariableValue> values = DotEnvReader.parse("fuzz.env", text);
            assertThat(values).allSatisfy(v -> assertThat(v.name()).isNotBlank());
        } catch (DotEnvException e) {
            assertThat(e.getMessage()).doesNotContain(PLANTED);
            assertThat(e.summary()).doesNotContain(PLANTED).doesNotContain("\n");
        }
    }
}
