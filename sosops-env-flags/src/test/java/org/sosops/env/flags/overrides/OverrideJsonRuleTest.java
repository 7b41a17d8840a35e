package org.sosops.env.flags.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Variables;

class OverrideJsonRuleTest {

    @Test
    void theRuleEngineDiscoversTheOverrideRuleThroughTheServiceLoader() {
        assertThat(RuleEngine.discover().rules()).anyMatch(OverrideJsonRule.class::isInstance);
    }

    @Test
    void badOverrideJsonIsAValueInvalidFindingNamingVariableAndPosition() {
        Variables variables = Variables.of(Map.of("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"a\": yes}"));
        var report = RuleEngine.of(java.util.List.of(new OverrideJsonRule()))
                .evaluate(new RuleContext(Optional.of(AppEnv.STAGING), variables, Clock.systemUTC()));

        assertThat(report.findings()).hasSize(1);
        Finding finding = report.findings().get(0);
        assertThat(finding.rule()).isEqualTo(RuleId.VALUE_INVALID);
        assertThat(finding.variable()).contains("FEATURE_FLAG_ENV_OVERRIDES_JSON");
        assertThat(finding.environment()).contains("staging");
        assertThat(finding.message()).contains("FEATURE_FLAG_ENV_OVERRIDES_JSON is invalid at JSON line 1, column 10: Unrecognized token 'yes'");
        assertThat(finding.isBlocking()).isTrue();
    }

    @Test
    void goodOverridesProduceNoFinding() {
        Variables variables = Variables.of(Map.of("FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_1\": {\"a\": true}}"));
        var report = RuleEngine.of(java.util.List.of(new OverrideJsonRule()))
                .evaluate(new RuleContext(Optional.of(AppEnv.DEV), variables, Clock.systemUTC()));
        assertThat(report.findings()).isEmpty();
    }
}
