package org.sosops.env.flags.overrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.FlagValue;

class OverridesTest {

    private static List<OverrideProblem> problems(String variable, String json) {
        OverridesParse parse = Overrides.parse(Variables.of(Map.of(variable, json)));
        assertThat(parse).isInstanceOf(OverridesParse.Invalid.class);
        return ((OverridesParse.Invalid) parse).problems();
    }

    @Test
    void readsAllFourVariablesInTheContractShapes() {
        Overrides overrides = Overrides.fromVariables(Variables.of(Map.of(
                "FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"flag_key\": true, \"other\": false, \"banner\": \"hi\", "
                        + "\"limit\": 2.5, \"layout\": {\"cols\": 2}}",
                "FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_123\": {\"flag_key\": false}}",
                "ENTITLEMENT_ENV_OVERRIDES_JSON",
                "{\"seat_limit\": 25, \"features\": [\"bulk_sms\"], \"usage_caps\": {\"sms_per_month\": 10000}}",
                "ENTITLEMENT_ORG_OVERRIDES_JSON", "{\"org_123\": {\"seat_limit\": 50}}")));

        assertThat(overrides.envFlags()).containsEntry("flag_key", FlagValue.of(true))
                .containsEntry("other", FlagValue.of(false))
                .containsEntry("banner", FlagValue.of("hi"));
        assertThat(overrides.envFlags().get("limit").toJson().decimalValue()).isEqualByComparingTo("2.5");
        assertThat(overrides.envFlags().get("layout").toJson().get("cols").asInt()).isEqualTo(2);
        assertThat(overrides.orgFlags("org_123")).containsEntry("flag_key", FlagValue.of(false));
        assertThat(overrides.orgFlags("org_999")).isEmpty();
        assertThat(overrides.envEntitlements().seatLimit()).isEqualTo(OptionalLong.of(25));
        assertThat(overrides.envEntitlements().features()).containsExactly("bulk_sms");
        assertThat(overrides.envEntitlements().usageCaps()).containsEntry("sms_per_month", 10000L);
        assertThat(overrides.orgEntitlements("org_123").orElseThrow().seatLimit()).isEqualTo(OptionalLong.of(50));
    }

    @Test
    void absentOrBlankVariablesMeanNoOverrides() {
        Overrides overrides = Overrides.fromVariables(Variables.of(Map.of("FEATURE_FLAG_ENV_OVERRIDES_JSON", "  ")));
        assertThat(overrides).isEqualTo(Overrides.none());
    }

    @Test
    void malformedJsonNamesTheVariableAndTheJsonPosition() {
        List<OverrideProblem> problems = problems("FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_123\": {\"a\": true,}}");
        assertThat(problems).hasSize(1);
        OverrideProblem problem = problems.get(0);
        assertThat(problem.variable()).isEqualTo(OverrideVariable.FEATURE_FLAG_ORG_OVERRIDES_JSON);
        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.column()).isEqualTo(24);
        assertThat(problem.message()).startsWith("FEATURE_FLAG_ORG_OVERRIDES_JSON is invalid at JSON line 1, column 24: ");
    }

    @Test
    void positionsCountLinesInsideMultiLineJson() {
        OverrideProblem problem = problems("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\n  \"a\": true,\n  \"b\": tru\n}").get(0);
        assertThat(problem.line()).isEqualTo(3);
    }

    @Test
    void anArrayWhereAnObjectBelongsIsAWrongShapeAtItsPosition() {
        OverrideProblem problem = problems("FEATURE_FLAG_ENV_OVERRIDES_JSON", "[\"flag_key\"]").get(0);
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.detail()).contains("expected an object of flag key to value");
    }

    @Test
    void aNullFlagValueIsRefusedNamingTheFlag() {
        OverrideProblem problem = problems("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"a\": true, \"b\": null}").get(0);
        assertThat(problem.detail()).contains("flag 'b'");
        assertThat(problem.column()).isEqualTo(18);
    }

    @Test
    void anOrganizationMappedToAScalarIsAWrongShape() {
        OverrideProblem problem = problems("FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_123\": false}").get(0);
        assertThat(problem.detail()).contains("expected an object of flag key to value");
    }

    @Test
    void duplicateKeysAreRefusedRatherThanLettingTheLastOneWin() {
        OverrideProblem problem = problems("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"a\": true, \"a\": false}").get(0);
        assertThat(problem.detail()).containsIgnoringCase("duplicate");
    }

    @Test
    void trailingContentAfterTheValueIsRefused() {
        assertThat(problems("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"a\": true} {}").get(0).detail())
                .contains("unexpected content");
    }

    @Test
    void entitlementTyposAndBadNumbersAreWrongShapes() {
        assertThat(problems("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"seat_limt\": 5}").get(0).detail())
                .contains("unknown entitlement 'seat_limt'");
        assertThat(problems("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"seat_limit\": -1}").get(0).detail())
                .contains("seat_limit must be between 0");
        assertThat(problems("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"seat_limit\": 2.5}").get(0).detail())
                .contains("seat_limit must be a whole number");
        assertThat(problems("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"features\": \"bulk_sms\"}").get(0).detail())
                .contains("features must be an array");
        assertThat(problems("ENTITLEMENT_ORG_OVERRIDES_JSON", "{\"org_1\": {\"usage_caps\": {\"sms\": \"many\"}}}")
                .get(0).detail()).contains("usage cap 'sms' must be a whole number");
    }

    @Test
    void everyBadVariableIsReportedAtOnceWithTheFileLineItWasReadFrom() {
        Variables variables = Variables.builder()
                .put(new VariableValue("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{", Optional.of(Location.of("staging.env", 7))))
                .put("ENTITLEMENT_ENV_OVERRIDES_JSON", "[]")
                .build();
        assertThatThrownBy(() -> Overrides.fromVariables(variables))
                .isInstanceOfSatisfying(InvalidOverridesException.class, e -> {
                    assertThat(e.problems()).extracting(OverrideProblem::variable).containsExactly(
                            OverrideVariable.FEATURE_FLAG_ENV_OVERRIDES_JSON, OverrideVariable.ENTITLEMENT_ENV_OVERRIDES_JSON);
                    assertThat(e.problems().get(0).location()).contains(Location.of("staging.env", 7));
                    assertThat(e.getMessage()).contains("FEATURE_FLAG_ENV_OVERRIDES_JSON is invalid at JSON line 1")
                            .contains("ENTITLEMENT_ENV_OVERRIDES_JSON is invalid at JSON line 1, column 1");
                });
    }
}
