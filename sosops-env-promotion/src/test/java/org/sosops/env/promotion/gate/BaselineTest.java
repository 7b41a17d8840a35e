package org.sosops.env.promotion.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.promotion.PromotionInputException;

class BaselineTest {
    @TempDir
    Path dir;

    private Path migrations() throws IOException {
        Path m = dir.resolve("migrations");
        Files.createDirectories(m.resolve("20240101_a"));
        Files.writeString(m.resolve("20240101_a/migration.sql"), "CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;\n");
        Files.writeString(m.resolve("V2__b.sql"), "TRUNCATE t;\n");
        return m;
    }

    @Test
    void aBaselineWrittenFromTheFindingsMakesTheGatePass() throws IOException {
        Path m = migrations();
        Path file = dir.resolve("migration-safety-baseline.json");
        Baseline.fromFindings(MigrationGate.scan(m)).write(file);

        GateReport report = MigrationGate.check(m, Baseline.read(file));

        assertThat(report.ok()).isTrue();
        assertThat(report.findings()).hasSize(2).allMatch(MigrationFinding::baselined);
        assertThat(report.stale()).isEmpty();
        assertThat(Files.readString(file)).contains("\"file\" : \"20240101_a/migration.sql\"")
                .contains("\"statement\" : \"ALTER TABLE t DROP COLUMN b\"").doesNotContain("\"line\"");
    }

    @Test
    void movingAStatementWithinItsFileKeepsItBaselined() throws IOException {
        Path m = migrations();
        Path file = dir.resolve("b.json");
        Baseline.fromFindings(MigrationGate.scan(m)).write(file);
        Files.writeString(m.resolve("20240101_a/migration.sql"),
                "-- moved down\n\n\nCREATE TABLE t (a int, b int);\n\nalter   table t\n  drop column b;\n");

        GateReport report = MigrationGate.check(m, Baseline.read(file));

        assertThat(report.ok()).isTrue();
        assertThat(report.findings()).filteredOn(f -> f.file().endsWith("migration.sql")).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(7));
    }

    @Test
    void theSameStatementInAnotherFileIsNew() throws IOException {
        Path m = migrations();
        Path file = dir.resolve("b.json");
        Baseline.fromFindings(MigrationGate.scan(m)).write(file);
        Files.writeString(m.resolve("V3__again.sql"), "TRUNCATE t;\n");

        GateReport report = MigrationGate.check(m, Baseline.read(file));

        assertThat(report.ok()).isFalse();
        assertThat(report.newFindings()).extracting(MigrationFinding::file).containsExactly("V3__again.sql");
    }

    @Test
    void entriesThatNoLongerMatchAreListedAsStaleWithoutFailing() throws IOException {
        Path m = migrations();
        Path file = dir.resolve("b.json");
        Baseline.fromFindings(MigrationGate.scan(m)).write(file);
        Files.delete(m.resolve("V2__b.sql"));

        GateReport report = MigrationGate.check(m, Baseline.read(file));

        assertThat(report.ok()).isTrue();
        assertThat(report.stale()).extracting(BaselineEntry::file).containsExactly("V2__b.sql");
        assertThat(report.toText("")).contains("stale baseline entry (no longer found): V2__b.sql: TRUNCATE t");
    }

    @Test
    void aCorruptBaselineIsAnErrorNamingTheFileAndPosition() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"entries\": [\n  {\"file\": \"a.sql\",, }\n]}");
        assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(PromotionInputException.class)
                .hasMessageStartingWith(file + ":2:").hasMessageContaining("corrupt baseline");
        Files.writeString(file, "{\"entries\": [{\"file\": \"a.sql\"}]}");
        assertThatThrownBy(() -> Baseline.read(file)).hasMessageContaining("entry 0 needs a non-empty \"file\" and \"statement\"");
        Files.writeString(file, "[]");
        assertThatThrownBy(() -> Baseline.read(file)).hasMessageContaining("expected an object with an \"entries\" array");
    }

    @Test
    void aMissingBaselineIsAnErrorNamingTheFile() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("nope.json: baseline file not found");
    }

    @Test
    void anUnterminatedStringFailsTheScanNamingFileAndLine() throws IOException {
        Path m = migrations();
        Files.write(m.resolve("V4__bad.sql"), "SELECT 1;\nSELECT 'oops;\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> MigrationGate.scan(m)).isInstanceOf(PromotionInputException.class)
                .hasMessage(m.resolve("V4__bad.sql") + ":2: unterminated string literal (' without closing ')");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> MigrationGate.scan(dir.resolve("none"))).hasMessageContaining("migrations directory not found");
    }
}
