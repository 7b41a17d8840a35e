package org.sosops.env.core.rules.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.Samples;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Variables;

/** A pool size the components would refuse at start-up is a check finding too. */
class PoolSizeRuleTest {

    private static ValidationReport validate(Map<String, String> vars) {
        return RuleEngine.builtin().evaluate(new RuleContext(Optional.of(AppEnv.STAGING), Variables.of(vars), Clock.systemUTC()));
    }

    @Test
    void aMalformedPoolSizeIsValueInvalidNamingTheVariable() {
        for (String bad : new String[] {"0", "lots", "5000"}) {
            ValidationReport report = validate(Samples.with(AppEnv.STAGING, "SOSOPS_DATABASE_POOL_SIZE", bad));
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo(RuleId.VALUE_INVALID);
                assertThat(f.variable()).contains("SOSOPS_DATABASE_POOL_SIZE");
                assertThat(f.message()).isEqualTo("SOSOPS_DATABASE_POOL_SIZE must be a whole number from 1 to 1000");
            });
        }
    }

    @Test
    void aSaneOrAbsentPoolSizeIsFine() {
        assertThat(validate(Samples.with(AppEnv.STAGING, "SOSOPS_DATABASE_POOL_SIZE", "25")).findings()).isEmpty();
        assertThat(validate(Samples.complete(AppEnv.STAGING)).findings()).isEmpty();
    }
}
