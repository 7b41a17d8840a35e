package org.sosops.env.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.sosops.env.promotion.sql.SqlSyntaxException;

/**
 * Fuzzes the migration scanner on raw bytes: it returns findings or fails with
 * {@link SqlSyntaxException}; every finding has a line within the input and a non-blank
 * normalized statement. Seeds in {@code MigrationScannerFuzzTestInputs/scanner/}; see docs/fuzzing.md.
 */
class MigrationScannerFuzzTest {
    @FuzzTest(maxDuration = "")
    void scanner(byte[] input) {
        List<RiskyStatement> found;
        try {
            found = new MigrationScanner().scan(input);
        } catch (SqlSyntaxException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        long lines = 1;
        for (byte b : input) {
            if (b == '\n') {
                lines++;
            }
        }
        for (RiskyStatement statement : found) {
            assertThat(statement.line()).isBetween(1, (int) lines);
            assertThat(statement.statement()).isNotBlank();
        }
    }
}
