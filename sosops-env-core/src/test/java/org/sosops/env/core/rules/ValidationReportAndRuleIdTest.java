package org.sosops.env.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportAndRuleIdTest {
    @Test
    void listsOnlyTheUnwaivedErrorsAsBlocking() {
        Finding error = Finding.error(RuleId.SECRET_WEAK, "weak").build();
        Finding warning = Finding.warning(RuleId.VALUE_INVALID, "odd").build();
        Finding waived = Finding.error(RuleId.DATABASE_SEPARATION, "shared").build().waivedBy("R.md:1 (RD-1)");
        ValidationReport report = ValidationReport.of(List.of(error, warning, waived));
        assertThat(report.blocking()).containsExactly(error);
        assertThat(report.has(RuleId.SECRET_WEAK)).isTrue();
        assertThat(report.has(RuleId.DATABASE_SEPARATION)).isTrue();
        assertThat(report.has(RuleId.APP_ENV_INVALID)).isFalse();
        assertThat(ValidationReport.of(List.of()).has(RuleId.SECRET_WEAK)).isFalse();
    }

    @Test
    void everyRuleExplainsItselfInWords() {
        for (RuleId rule : RuleId.values()) {
            assertThat(rule.description()).as(rule.id()).isNotBlank();
            assertThat(rule.fullDescription()).as(rule.id()).isNotBlank();
            assertThat(rule.help()).as(rule.id()).isNotBlank();
            assertThat(rule).hasToString(rule.id());
        }
        assertThat(RuleId.REQUIRED_MISSING.description())
                .isEqualTo("a variable required in this environment is absent or blank");
    }
}
