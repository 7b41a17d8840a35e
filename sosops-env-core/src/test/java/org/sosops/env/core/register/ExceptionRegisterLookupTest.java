package org.sosops.env.core.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;

/**
 * The register as the commands use it: where it is found, which entry waives a finding about a
 * file or statement ({@link ExceptionRegister#waiverFor}), and which broken entries a command reports.
 */
class ExceptionRegisterLookupTest {
    private static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static String entry(String title, String rule, String environment, String variable, String expires) {
        return "## " + title + "\n- Rule: " + rule + "\n- Environment: " + environment + "\n"
                + (variable == null ? "" : "- Variable: " + variable + "\n")
                + "- Rationale: r\n- Expires: " + expires + "\n- Rollback plan: p\n- Approved by: A (2026-11-01)\n\n";
    }

    private static final ExceptionRegister REGISTER = ExceptionRegister.parse("R.md",
            entry("Risky migration", "migration-risky", "all", "db/migration/V7__Drop_Column.sql", "2026-12-31")
            + entry("Logged statement", "value-invalid", "prod", "  SELECT   *\n", "2026-12-31")
            + entry("Staging key", "secret-weak", "staging", null, "2026-12-31")
            + entry("Old waiver", "secret-weak", "dev", null, "2026-11-01")
            + "## Half written\n- Rule: migration-risky\n- Environment: all\n");

    @Test
    void findsTheWaiverOfAFileNamedFromEitherRoot() {
        assertThat(waiver(RuleId.MIGRATION_RISKY, Optional.empty(), "db/migration/V7__Drop_Column.sql"))
                .contains("Risky migration");
        assertThat(waiver(RuleId.MIGRATION_RISKY, Optional.empty(), "service/db/migration/V7__drop_column.sql"))
                .contains("Risky migration");
        assertThat(waiver(RuleId.MIGRATION_RISKY, Optional.empty(), "V7__Drop_Column.sql")).contains("Risky migration");
        assertThat(waiver(RuleId.MIGRATION_RISKY, Optional.empty(), "db\\migration\\V7__Drop_Column.sql"))
                .contains("Risky migration");
        assertThat(waiver(RuleId.MIGRATION_RISKY, Optional.empty(), "db/migration/V8__Drop_Column.sql")).isEmpty();
        assertThat(waiver(RuleId.MIGRATION_RISKY, Optional.empty(), "Drop_Column.sql")).as("not a whole file name")
                .isEmpty();
        assertThat(waiver(RuleId.MIGRATION_RISKY, Optional.of("prod"), "V7__Drop_Column.sql")).as("all covers prod")
                .contains("Risky migration");
    }

    @Test
    void comparesStatementsIgnoringCaseRunsOfSpaceAndTheFinalSemicolon() {
        assertThat(waiver(RuleId.VALUE_INVALID, Optional.of("prod"), "select * ;".replace(" ;", ";"))).contains("Logged statement");
        assertThat(waiver(RuleId.VALUE_INVALID, Optional.of("prod"), "SELECT\t*")).contains("Logged statement");
        assertThat(waiver(RuleId.VALUE_INVALID, Optional.of("prod"), "SELECT 1")).isEmpty();
        assertThat(waiver(RuleId.VALUE_INVALID, Optional.of("staging"), "SELECT *")).as("another environment").isEmpty();
        assertThat(waiver(RuleId.VALUE_INVALID, Optional.empty(), "SELECT *")).as("no environment needs 'all'").isEmpty();
    }

    @Test
    void anEntryWithoutAVariableCoversEverySubjectButOnlyWhileValid() {
        assertThat(waiver(RuleId.SECRET_WEAK, Optional.of("staging"), "ANY_SECRET")).contains("Staging key");
        assertThat(REGISTER.waiverFor(RuleId.SECRET_WEAK, Optional.of("staging"), List.of(), NOV_22)).isPresent();
        assertThat(waiver(RuleId.SECRET_WEAK, Optional.of("dev"), "ANY_SECRET")).as("expired").isEmpty();
        assertThat(waiver(RuleId.DATABASE_SEPARATION, Optional.of("staging"), "ANY_SECRET")).as("other rule").isEmpty();
        Clock january = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(REGISTER.waiverFor(RuleId.SECRET_WEAK, Optional.of("staging"), List.of("X"), january)).isEmpty();
    }

    @Test
    void reportsOnlyTheBrokenEntriesAboutTheCommandsRules() {
        List<Finding> migrations = REGISTER.problems(Optional.empty(), Set.of(RuleId.MIGRATION_RISKY), NOV_22);
        assertThat(migrations).extracting(Finding::message).containsExactly("exception 'Half written' waives nothing: "
                + "has no Rationale; has no Rollback plan; has no Approved by; has no Expires date (the timebox)");
        assertThat(migrations.get(0).rule()).isEqualTo(RuleId.MIGRATION_RISKY);
        assertThat(migrations.get(0).environment()).contains("all");
        List<Finding> secrets = REGISTER.problems(Optional.empty(), Set.of(RuleId.SECRET_WEAK), NOV_22);
        assertThat(secrets).extracting(Finding::message).containsExactly("exception 'Old waiver' expired on 2026-11-01 "
                + "and waives nothing; renew it with a new approval or remove it");
        assertThat(REGISTER.problems(Optional.of("staging"), Set.of(RuleId.SECRET_WEAK), NOV_22)).isEmpty();
        assertThat(REGISTER.problems(Optional.of("prod"), EnumSet.allOf(RuleId.class), NOV_22)).hasSize(1);
    }

    @Test
    void reportsAnEntryNamingNoKnownRuleToEveryCommand() {
        ExceptionRegister unknown = ExceptionRegister.parse("R.md", "## Typo\n- Rule: secrets-weak\n- Environment: dev\n"
                + "- Rationale: r\n- Expires: 2026-12-01\n- Rollback plan: p\n- Approved by: A (2026-11-01)\n");
        List<Finding> problems = unknown.problems(Optional.of("dev"), Set.of(RuleId.MIGRATION_RISKY), NOV_22);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).rule()).isEqualTo(RuleId.VALUE_INVALID);
        assertThat(problems.get(0).variable()).isEmpty();
        assertThat(problems.get(0).message()).isEqualTo("exception 'Typo' waives nothing: names unknown rule 'secrets-weak'");
    }

    @Test
    void aFindingAlreadyWaivedKeepsItsFirstWaiver() {
        ExceptionRegister twice = ExceptionRegister.parse("R.md", entry("First", "secret-weak", "dev", null, "2026-12-31")
                + entry("Second", "secret-weak", "dev", null, "2026-12-31"));
        Finding weak = Finding.error(RuleId.SECRET_WEAK, "weak").environment("dev").variable("AUTH_SECRET").build();
        ValidationReport once = twice.apply(ValidationReport.of(List.of(weak)), "dev", NOV_22);
        assertThat(once.findings().get(0).waiver()).hasValueSatisfying(w -> assertThat(w).contains("(First)"));
        ValidationReport again = twice.apply(once, "dev", NOV_22);
        assertThat(again.findings().get(0).waiver()).isEqualTo(once.findings().get(0).waiver());
        Finding noEnvironment = Finding.error(RuleId.SECRET_WEAK, "weak").variable("AUTH_SECRET").build();
        assertThat(twice.apply(ValidationReport.of(List.of(noEnvironment)), Optional.empty(), NOV_22).findings().get(0)
                .isWaived()).as("an entry for dev does not cover a finding of no environment").isFalse();
    }

    @Test
    void locatesTheNamedFileThenTheSettingThenTheDefaultLocations(@TempDir Path dir) throws IOException {
        Path named = dir.resolve("named.md");
        assertThat(ExceptionRegister.locate(Optional.of(named), Map.of(ExceptionRegister.SETTING, "other.md"), dir))
                .contains(named);
        assertThat(ExceptionRegister.locate(Optional.empty(), Map.of(ExceptionRegister.SETTING, " other.md "), dir))
                .contains(Path.of("other.md"));
        assertThat(ExceptionRegister.locate(Optional.empty(), Map.of(ExceptionRegister.SETTING, " "), dir)).isEmpty();
        Files.writeString(dir.resolve("RISKS_DECISIONS.md"), "# register\n");
        assertThat(ExceptionRegister.locate(Optional.empty(), Map.of(), dir)).contains(dir.resolve("RISKS_DECISIONS.md"));
        Files.createDirectories(dir.resolve("master_build"));
        Files.writeString(dir.resolve("master_build/RISKS_DECISIONS.md"), "# register\n");
        assertThat(ExceptionRegister.locate(Optional.empty(), Map.of(), dir))
                .contains(dir.resolve("master_build/RISKS_DECISIONS.md"));
        Path onlyADirectory = Files.createDirectories(dir.resolve("empty/RISKS_DECISIONS.md")).getParent();
        assertThat(ExceptionRegister.locate(Optional.empty(), Map.of(), onlyADirectory)).isEmpty();
    }

    private static Optional<String> waiver(RuleId rule, Optional<String> environment, String subject) {
        return REGISTER.waiverFor(rule, environment, List.of("unrelated", subject), NOV_22).map(RegisterEntry::title);
    }
}
