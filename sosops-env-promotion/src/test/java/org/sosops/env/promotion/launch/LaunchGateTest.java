package org.sosops.env.promotion.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.promotion.PromotionInputException;

class LaunchGateTest {
    @TempDir
    Path dir;

    private Path cleanEnv() throws IOException {
        Path env = dir.resolve("local.env");
        Files.writeString(env, "APP_ENV=local\nAPP_URL=http://localhost:3000\nAUTH_SECRET=Zq8vR2mX4tB7nL1pK9sD3fH6jW0cY5uE\nLOG_LEVEL=info\n");
        return env;
    }

    private Path migrations(String sql) throws IOException {
        Path m = dir.resolve("migrations");
        Files.createDirectories(m);
        Files.writeString(m.resolve("V1__a.sql"), sql);
        return m;
    }

    @Test
    void everyItemPassingIsAGo() throws IOException {
        LaunchVerdict verdict = LaunchGate.builder()
                .item(new EnvironmentCheckItem(List.of(cleanEnv()), Optional.of(AppEnv.LOCAL), Optional.empty()))
                .item(new MigrationGateItem(Optional.of(migrations("CREATE TABLE t (a int);")), Optional.empty()))
                .build().run();

        assertThat(verdict.go()).as(verdict.toText()).isTrue();
        assertThat(verdict.toText()).endsWith("GO: every checklist item passed");
    }

    @Test
    void oneVerdictListsEveryFailingItemWithItsProblems() throws IOException {
        Path broken = dir.resolve("staging.env");
        Files.writeString(broken, "APP_ENV=production\n");
        LaunchVerdict verdict = LaunchGate.builder()
                .item(new EnvironmentCheckItem(List.of(broken), Optional.empty(), Optional.empty()))
                .item(new MigrationGateItem(Optional.of(migrations("DROP TABLE t;")), Optional.of(dir.resolve("missing.json"))))
                .item(ChecklistItem.of("secrets", () -> new ItemResult.Failed("1 shared secret", List.of("AUTH_SECRET shared"))))
                .build().run();

        assertThat(verdict.go()).isFalse();
        assertThat(verdict.failing()).extracting(LaunchVerdict.Entry::item).containsExactly("environment", "migrations", "secrets");
        assertThat(verdict.entries().get(1).result()).isInstanceOf(ItemResult.Errored.class);
        assertThat(verdict.toText()).contains("[app-env-invalid]").contains("missing.json: baseline file not found")
                .contains("- AUTH_SECRET shared").endsWith("NO-GO: 3 failing items (environment, migrations, secrets)");
    }

    @Test
    void newRiskyStatementsFailTheMigrationItem() throws IOException {
        LaunchVerdict verdict = LaunchGate.builder()
                .item(new MigrationGateItem(Optional.of(migrations("TRUNCATE contacts;")), Optional.empty()))
                .build().run();

        assertThat(verdict.entries().get(0).result()).isInstanceOfSatisfying(ItemResult.Failed.class, f ->
                assertThat(f.problems()).containsExactly("[migration-risky] V1__a.sql:1: TRUNCATE: TRUNCATE contacts"));
    }

    @Test
    void aGateWithoutItsMigrationsDirectoryNeverPasses() {
        LaunchVerdict verdict = LaunchGate.builder().item(new MigrationGateItem(Optional.empty(), Optional.empty())).build().run();
        assertThat(verdict.go()).isFalse();
        assertThat(verdict.anyErrored()).isTrue();
    }

    @Test
    void skippedItemsAreListedAndUnknownSkipsRefused() {
        LaunchVerdict verdict = LaunchGate.builder().item(new MigrationGateItem(Optional.empty(), Optional.empty()))
                .skip(Set.of("migrations")).build().run();
        assertThat(verdict.go()).isTrue();
        assertThat(verdict.toText()).contains("skipped on request (--skip migrations)");
        assertThatThrownBy(() -> LaunchGate.builder().skip(Set.of("nope")).build()).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("--skip nope: no such checklist item");
    }

    @Test
    void anItemThatBreaksUnexpectedlyErrorsWithoutHidingTheOthers() {
        LaunchVerdict verdict = LaunchGate.builder()
                .item(ChecklistItem.of("broken", () -> {
                    throw new IllegalStateException("boom");
                }))
                .item(ChecklistItem.of("fine", () -> new ItemResult.Passed("ok")))
                .build().run();
        assertThat(verdict.entries()).extracting(e -> e.item() + ":" + LaunchVerdict.status(e.result()))
                .containsExactly("broken:error", "fine:pass");
    }

    @Test
    void aReportItemFailsOnBlockingFindingsAndPassesOnWarnings() {
        org.sosops.env.core.rules.Finding shared = org.sosops.env.core.rules.Finding.error(
                org.sosops.env.core.rules.RuleId.SECRET_SHARED, "AUTH_SECRET is shared by staging and prod")
                .variable("AUTH_SECRET").build();
        org.sosops.env.core.rules.Finding note = org.sosops.env.core.rules.Finding.warning(
                org.sosops.env.core.rules.RuleId.EXAMPLE_SECRET, "a warning only").build();

        LaunchVerdict verdict = LaunchGate.builder()
                .item(new ReportItem("secrets", "secret hygiene",
                        () -> org.sosops.env.core.rules.ValidationReport.of(List.of(shared, note))))
                .item(new ReportItem("warnings", "warnings only",
                        () -> org.sosops.env.core.rules.ValidationReport.of(List.of(note))))
                .item(new ReportItem("broken", "unreadable", () -> {
                    throw new PromotionInputException("x.env: file not found");
                }))
                .build().run();

        assertThat(verdict.entries()).extracting(e -> e.item() + ":" + LaunchVerdict.status(e.result()) + ":" + e.result().summary())
                .containsExactly("secrets:fail:secret hygiene: 1 problem", "warnings:pass:warnings only passed",
                        "broken:error:x.env: file not found");
        assertThat(verdict.toText()).contains("- error [secret-shared] AUTH_SECRET is shared by staging and prod");
    }
}
