package org.sosops.env.core.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.rules.RuleId;

/** How the register's Markdown is read: headings, field spellings, fences and the 90-day timebox. */
class RegisterParserTest {
    private static RegisterEntry only(String markdown) {
        List<RegisterEntry> entries = ExceptionRegister.parse("R.md", markdown).entries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static String fields(String approved, String expires) {
        return "- Rule: secret-weak\n- Environment: dev\n- Rationale: r\n- Expires: " + expires
                + "\n- Rollback plan: p\n- Approved by: A (" + approved + ")\n";
    }

    @Test
    void acceptsAnEntryOfExactlyNinetyDaysAndRefusesOneDayMore() {
        assertThat(only("## Ninety\n" + fields("2026-10-01", "2026-12-30")).problems()).isEmpty();
        assertThat(only("## Ninety-one\n" + fields("2026-10-01", "2026-12-31")).problems()).containsExactly(
                "runs 91 days from its approval (2026-10-01); an entry may run at most 90 days: set Expires on or "
                        + "before 2026-12-30 or approve it again");
    }

    @Test
    void acceptsAnEntryExpiringOnItsApprovalDayButNotBefore() {
        assertThat(only("## Same day\n" + fields("2026-11-01", "2026-11-01")).problems()).isEmpty();
        assertThat(only("## Backwards\n" + fields("2026-11-01", "2026-10-31")).problems())
                .containsExactly("expires (2026-10-31) before its approval (2026-11-01)");
    }

    @Test
    void foldsTheSpellingsOfFieldNames() {
        RegisterEntry entry = only("## Short names\n- rule: secret-weak\n- Env: DEV\n- Rationale: r\n"
                + "- Expiry: 2026-12-01\n- Rollback: p\n- Approved: A 2026-11-01\n- Variable: `AUTH_SECRET`\n");
        assertThat(entry.problems()).isEmpty();
        assertThat(entry.environment()).contains("dev");
        assertThat(entry.expires()).contains(LocalDate.of(2026, 12, 1));
        assertThat(entry.variable()).contains("AUTH_SECRET");
        assertThat(entry.rule()).contains(RuleId.SECRET_WEAK);
    }

    @Test
    void keepsTheFirstOfARepeatedFieldAndIgnoresFieldsBeforeTheFirstHeading() {
        RegisterEntry entry = only("- Rule: value-invalid\n## Twice\n- Rule: `secret-weak`\n- Rule: value-invalid\n"
                + fields("2026-11-01", "2026-12-01").replace("- Rule: secret-weak\n", ""));
        assertThat(entry.rule()).contains(RuleId.SECRET_WEAK);
    }

    @Test
    void namesAnEmptyFieldAsMissing() {
        RegisterEntry entry = only("## Empty\n- Rule:\n- Environment:   \n- Rationale: r\n- Expires: 2026-12-01\n"
                + "- Rollback plan: p\n- Approved by: A (2026-11-01)\n");
        assertThat(entry.problems()).containsExactly("has no Rule", "has no Environment");
    }

    @Test
    void aTopLevelHeadingEndsTheEntryAndAFenceHidesHeadings() {
        List<RegisterEntry> entries = ExceptionRegister.parse("R.md", "## First\n" + fields("2026-11-01", "2026-12-01")
                + "# Archive\n- Rule: value-invalid\n```\n## Not an entry\n```\n## Second ##\n"
                + fields("2026-11-01", "2026-12-01")).entries();
        assertThat(entries).extracting(RegisterEntry::title).containsExactly("First", "Second");
        assertThat(entries.get(0).rule()).contains(RuleId.SECRET_WEAK);
        assertThat(entries.get(1).location().line()).hasValue(13);
        assertThat(ExceptionRegister.parse("R.md", "# Only a title\n\ntext\n").entries()).isEmpty();
        assertThat(ExceptionRegister.parse("R.md", "## A\r\n- Rule: secret-weak\r\n").entries().get(0).rule())
                .contains(RuleId.SECRET_WEAK);
    }

    @Test
    void refusesAnImpossibleDate() {
        RegisterEntry entry = only("## Bad date\n" + fields("2026-11-01", "2026-02-30"));
        assertThat(entry.problems()).containsExactly("Expires is not an ISO date (YYYY-MM-DD)");
    }
}
