package org.sosops.env.core.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Location;

class ExceptionRegisterTest {
    private static final Clock NOV_22 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static final String REGISTER = """
            # Risks and decisions

            Free text before the first entry is ignored.

            ## RD-001 Staging keeps its short AUTH_SECRET until the key rotation

            - Rule: `secret-weak`
            - Environment: staging
            - Variable: AUTH_SECRET
            - Rationale: the identity provider cannot rotate before the December release.
            - Expires: 2026-12-15
            - Rollback plan: rotate the secret with the provider's runbook; sessions are re-issued.
            - Approved by: Dana Ortiz (2026-11-20)

            ## RD-002 Dev shares a database name during the migration

            - **Rule:** database-separation
            - **Environment:** dev
            - **Rationale:** the dev database is renamed in the migration window.
            - **Expires:** 2026-11-01
            - **Rollback plan:** point DATABASE_URL back at sos_ops_dev.
            - **Approved by:** Sam Lee, 2026-10-01

            ## RD-003 Prod log level

            - Rule: value-invalid
            - Environment: prod
            - Rationale: a vendor agent needs it.

            ```
            ## Not an entry: inside a code fence
            - Rule: app-env-invalid
            ```
            """;

    private static ExceptionRegister register() {
        return ExceptionRegister.parse("RISKS_DECISIONS.md", REGISTER);
    }

    private static Finding finding(RuleId rule, String variable, String env) {
        return Finding.error(rule, variable + " has a problem").variable(variable).environment(env)
                .at(Location.of("staging.env", 4)).build();
    }

    @Test
    void readsEveryEntryWithItsFieldsAndLine() {
        List<RegisterEntry> entries = register().entries();
        assertThat(entries).extracting(RegisterEntry::title).containsExactly(
                "RD-001 Staging keeps its short AUTH_SECRET until the key rotation",
                "RD-002 Dev shares a database name during the migration", "RD-003 Prod log level");
        RegisterEntry first = entries.get(0);
        assertThat(first.location()).isEqualTo(Location.of("RISKS_DECISIONS.md", 5));
        assertThat(first.rule()).contains(RuleId.SECRET_WEAK);
        assertThat(first.environment()).contains("staging");
        assertThat(first.variable()).contains("AUTH_SECRET");
        assertThat(first.expires()).contains(LocalDate.of(2026, 12, 15));
        assertThat(first.approvedBy()).contains("Dana Ortiz (2026-11-20)");
        assertThat(first.approvedOn()).contains(LocalDate.of(2026, 11, 20));
        assertThat(first.rollbackPlan()).isPresent();
        assertThat(first.isComplete()).isTrue();
        assertThat(entries.get(1).isComplete()).as("bold field names").isTrue();
        assertThat(entries.get(1).approvedOn()).contains(LocalDate.of(2026, 10, 1));
    }

    @Test
    void namesWhatAnIncompleteEntryLacks() {
        assertThat(register().entries().get(2).problems())
                .containsExactly("has no Rollback plan", "has no Approved by", "has no Expires date (the timebox)");
    }

    @Test
    void aValidEntryWaivesItsFindingWhichStaysListedAndMarkedWaived() {
        Finding weak = finding(RuleId.SECRET_WEAK, "AUTH_SECRET", "staging");
        ValidationReport report = register().apply(ValidationReport.of(List.of(weak)), "staging", NOV_22);
        assertThat(report.findings()).hasSize(1);
        Finding listed = report.findings().get(0);
        assertThat(listed.isWaived()).isTrue();
        assertThat(listed.waiver()).contains("RISKS_DECISIONS.md:5 (RD-001 Staging keeps its short AUTH_SECRET until the key rotation)");
        assertThat(listed.message()).isEqualTo(weak.message());
        assertThat(report.ok()).isTrue();
    }

    @Test
    void aWaiverCoversOnlyItsRuleEnvironmentAndVariable() {
        ValidationReport report = register().apply(ValidationReport.of(List.of(
                finding(RuleId.SECRET_WEAK, "AUTH_SECRET", "prod"),
                finding(RuleId.SECRET_WEAK, "TWILIO_AUTH_TOKEN", "staging"),
                finding(RuleId.VALUE_INVALID, "AUTH_SECRET", "staging"))), "staging", NOV_22);
        assertThat(report.findings()).noneMatch(Finding::isWaived);
        assertThat(report.ok()).isFalse();
    }

    @Test
    void anEntryForAllEnvironmentsWaivesInEach() {
        ExceptionRegister all = ExceptionRegister.parse("R.md", """
                ## Everywhere
                - Rule: value-invalid
                - Environment: all
                - Rationale: r
                - Expires: 2027-01-01
                - Rollback plan: p
                - Approved by: A (2026-11-01)
                """);
        for (String env : List.of("local", "dev", "staging", "prod")) {
            assertThat(all.apply(ValidationReport.of(List.of(finding(RuleId.VALUE_INVALID, "LOG_LEVEL", env))), env, NOV_22)
                    .ok()).as(env).isTrue();
        }
    }

    @Test
    void anExpiredEntryWaivesNothingAndIsReported() {
        Finding shared = finding(RuleId.DATABASE_SEPARATION, "DATABASE_URL", "dev");
        ValidationReport report = register().apply(ValidationReport.of(List.of(shared)), "dev", NOV_22);
        assertThat(report.ok()).isFalse();
        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0).isWaived()).isFalse();
        Finding expired = report.findings().get(1);
        assertThat(expired.rule()).isEqualTo(RuleId.DATABASE_SEPARATION);
        assertThat(expired.environment()).contains("dev");
        assertThat(expired.location()).contains(Location.of("RISKS_DECISIONS.md", 15));
        assertThat(expired.message()).isEqualTo("exception 'RD-002 Dev shares a database name during the migration' "
                + "expired on 2026-11-01 and waives nothing; renew it with a new approval or remove it");
    }

    @Test
    void anEntryIsValidThroughItsExpiryDayAndExpiredTheDayAfter() {
        Finding weak = finding(RuleId.SECRET_WEAK, "AUTH_SECRET", "staging");
        Clock lastDay = Clock.fixed(Instant.parse("2026-12-15T23:59:00Z"), ZoneOffset.UTC);
        Clock dayAfter = Clock.fixed(Instant.parse("2026-12-16T00:00:00Z"), ZoneOffset.UTC);
        assertThat(register().apply(ValidationReport.of(List.of(weak)), "staging", lastDay).ok()).isTrue();
        assertThat(register().apply(ValidationReport.of(List.of(weak)), "staging", dayAfter).ok()).isFalse();
    }

    @Test
    void anIncompleteEntryWaivesNothingAndIsReported() {
        Finding invalid = finding(RuleId.VALUE_INVALID, "LOG_LEVEL", "prod");
        ValidationReport report = register().apply(ValidationReport.of(List.of(invalid)), "prod", NOV_22);
        assertThat(report.ok()).isFalse();
        assertThat(report.findings()).extracting(Finding::message).containsExactly("LOG_LEVEL has a problem",
                "exception 'RD-003 Prod log level' waives nothing: has no Rollback plan; has no Approved by; "
                        + "has no Expires date (the timebox)");
        assertThat(report.findings().get(1).location()).contains(Location.of("RISKS_DECISIONS.md", 24));
    }

    @Test
    void entriesOfOtherEnvironmentsAreNotReportedWhenValidatingOne() {
        ValidationReport report = register().apply(ValidationReport.of(List.of()), "staging", NOV_22);
        assertThat(report.findings()).isEmpty();
        ValidationReport everything = register().apply(ValidationReport.of(List.of()), Optional.empty(), NOV_22);
        assertThat(everything.findings()).hasSize(2);
    }

    @Test
    void refusesUnknownRulesEnvironmentsAndDates() {
        ExceptionRegister broken = ExceptionRegister.parse("R.md", """
                ## Broken
                - Rule: secrets-weak
                - Environment: production
                - Rationale: r
                - Expires: next month
                - Rollback plan: p
                - Approved by: A
                """);
        assertThat(broken.entries().get(0).problems()).containsExactly("names unknown rule 'secrets-weak'",
                "names unknown environment 'production'", "Approved by has no approval date (YYYY-MM-DD)",
                "Expires is not an ISO date (YYYY-MM-DD)");
    }

    @Test
    void readsARegisterFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("RISKS_DECISIONS.md"), REGISTER);
        assertThat(ExceptionRegister.read(file).entries()).hasSize(3);
    }

    @Test
    void aMissingOrNonUtf8RegisterIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("RISKS_DECISIONS.md");
        assertThatThrownBy(() -> ExceptionRegister.read(missing)).isInstanceOf(RegisterException.class)
                .hasMessage(missing + ": exception register not found");
        Path latin1 = Files.write(dir.resolve("latin1.md"), "## Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ExceptionRegister.read(latin1)).isInstanceOf(RegisterException.class)
                .hasMessage(latin1 + ": exception register is not valid UTF-8 text");
    }

    @Test
    void anEmptyRegisterChangesNothing() {
        Finding f = finding(RuleId.VALUE_INVALID, "LOG_LEVEL", "dev");
        assertThat(ExceptionRegister.empty().apply(ValidationReport.of(List.of(f)), "dev", NOV_22).findings())
                .containsExactly(f);
    }
}
