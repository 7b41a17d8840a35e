package org.sosops.env.flags.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.FlagValue;

/** The wrong shapes of each variable, each reported with its own sentence at its JSON position. */
class OverrideShapesTest {

    private static OverrideProblem problem(String variable, String json) {
        OverridesParse parse = Overrides.parse(Variables.of(Map.of(variable, json)));
        assertThat(parse).as(json).isInstanceOf(OverridesParse.Invalid.class);
        return ((OverridesParse.Invalid) parse).problems().get(0);
    }

    private static Overrides parsed(String variable, String json) {
        return Overrides.fromVariables(Variables.of(Map.of(variable, json)));
    }

    @Test
    void flagValuesKeepTheirTypeAndWholeNumbersStayExact() {
        Overrides overrides = parsed("FEATURE_FLAG_ENV_OVERRIDES_JSON",
                "{\"big\": 12345678901234567890, \"ratio\": 0.25, \"list\": [1, 2]}");
        assertThat(overrides.envFlags().get("big")).isEqualTo(FlagValue.of(new BigDecimal("12345678901234567890")));
        assertThat(overrides.envFlags().get("ratio")).isEqualTo(FlagValue.of(new BigDecimal("0.25")));
        assertThat(overrides.envFlags().get("list").toJson().size()).isEqualTo(2);
    }

    @Test
    void anEmptyKeyIsRefusedWithWhatKindOfKeyItIs() {
        assertThat(problem("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\" \": true}").detail()).isEqualTo("an empty flag key");
        assertThat(problem("FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"\": {}}").detail()).isEqualTo("an empty organization id");
        assertThat(problem("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"usage_caps\": {\"\": 1}}").detail())
                .isEqualTo("an empty usage cap name");
    }

    @Test
    void eachVariableSaysWhichShapeItExpects() {
        assertThat(problem("FEATURE_FLAG_ORG_OVERRIDES_JSON", "[]").detail())
                .isEqualTo("expected an object of organization id to an object of flag key to value, like {\"org_123\": {...}}");
        assertThat(problem("ENTITLEMENT_ORG_OVERRIDES_JSON", "[]").detail())
                .isEqualTo("expected an object of organization id to an entitlements object, like {\"org_123\": {...}}");
        assertThat(problem("ENTITLEMENT_ORG_OVERRIDES_JSON", "{\"org_1\": 5}").detail())
                .startsWith("expected an entitlements object, like {\"seat_limit\": 25");
        assertThat(problem("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"usage_caps\": [1]}").detail())
                .isEqualTo("usage_caps must be an object of cap name to number");
    }

    @Test
    void featuresMustBeNonEmptyStrings() {
        for (String features : new String[] {"[1]", "[\"\"]", "[\" \"]", "[\"sso\", null]"}) {
            assertThat(problem("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"features\": " + features + "}").detail())
                    .as(features).isEqualTo("features must hold non-empty strings");
        }
        assertThat(parsed("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"features\": [\"sso\", \"api\", \"sso\"]}")
                .envEntitlements().features()).containsExactly("sso", "api");
        assertThat(parsed("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"features\": []}").envEntitlements().features()).isEmpty();
    }

    @Test
    void countsRunFromZeroUpToTwoToTheSixtySecondExclusive() {
        assertThat(parsed("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"seat_limit\": 0}").envEntitlements().seatLimit())
                .isEqualTo(OptionalLong.of(0));
        long largest = (1L << 62) - 1;
        assertThat(parsed("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"usage_caps\": {\"sms\": " + largest + "}}")
                .envEntitlements().usageCaps()).containsEntry("sms", largest);
        assertThat(problem("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"seat_limit\": " + (1L << 62) + "}").detail())
                .isEqualTo("seat_limit must be between 0 and 2^62");
        assertThat(problem("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"usage_caps\": {\"sms\": -1}}").detail())
                .isEqualTo("usage cap 'sms' must be between 0 and 2^62");
        assertThat(problem("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"seat_limit\": \"5\"}").detail())
                .isEqualTo("seat_limit must be a whole number");
    }

    @Test
    void aWrongShapeIsReportedWhereItStands() {
        OverrideProblem problem = problem("ENTITLEMENT_ENV_OVERRIDES_JSON", "{\n  \"seat_limit\": 5,\n  \"seets\": 1\n}");
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(3);
        assertThat(problem.detail()).isEqualTo("unknown entitlement 'seets'; expected seat_limit, features or usage_caps");
    }

    @Test
    void aSyntaxErrorKeepsOnlyTheFirstLineOfTheParsersMessage() {
        OverrideProblem problem = problem("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"a\": tru}");
        assertThat(problem.detail()).startsWith("Unrecognized token 'tru'").doesNotContain("\n");
        assertThat(problem.detail()).isEqualTo(problem.detail().strip());
    }

    @Test
    void aProblemPrintsWithTheFileLineItWasReadFromWhenKnown() {
        OverrideProblem inFile = new OverrideProblem(OverrideVariable.FEATURE_FLAG_ENV_OVERRIDES_JSON, 2, 5, "bad",
                Optional.of(Location.of("prod.env", 4)));
        assertThat(inFile.message()).isEqualTo("FEATURE_FLAG_ENV_OVERRIDES_JSON is invalid at JSON line 2, column 5: bad");
        assertThat(inFile.toString()).isEqualTo(Location.of("prod.env", 4) + ": " + inFile.message());
        OverrideProblem nowhere = new OverrideProblem(OverrideVariable.FEATURE_FLAG_ENV_OVERRIDES_JSON, 1, 1, "bad",
                Optional.empty());
        assertThat(nowhere.toString()).isEqualTo(nowhere.message());
    }
}
