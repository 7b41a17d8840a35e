package org.sosops.env.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.overrides.InvalidOverridesException;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.value.Source;

class FlagResolverTest {
    private static final String ENV_JSON = "FEATURE_FLAG_ENV_OVERRIDES_JSON";
    private static final String ORG_JSON = "FEATURE_FLAG_ORG_OVERRIDES_JSON";

    private static FlagResolver resolver(Map<String, String> variables, Map<String, FlagValue> db) {
        MapFlagStore store = new MapFlagStore(db);
        return FlagResolver.builder()
                .environment(AppEnv.STAGING)
                .overrides(Variables.of(variables))
                .flag("by_org", false)
                .flag("by_env", false)
                .flag("by_db", false)
                .flag("by_default", true)
                .flag(FlagDefinition.of("banner", "welcome"))
                .store(store)
                .executor(Runnable::run)
                .backgroundRefresh(false)
                .build();
    }

    private static FlagResolver layered() {
        return resolver(Map.of(
                        ENV_JSON, "{\"by_org\": false, \"by_env\": true}",
                        ORG_JSON, "{\"org_123\": {\"by_org\": true}}"),
                Map.of("by_org", FlagValue.of(false), "by_env", FlagValue.of(false), "by_db", FlagValue.of(true)));
    }

    @Test
    void organizationBeatsEnvironmentBeatsDatabaseBeatsDefault() {
        try (FlagResolver flags = layered()) {
            assertThat(flags.resolve("org_123", "by_org")).contains(new ResolvedFlag("by_org", FlagValue.of(true), Source.ORG));
            assertThat(flags.resolve("org_123", "by_env")).contains(new ResolvedFlag("by_env", FlagValue.of(true), Source.ENV));
            assertThat(flags.resolve("org_123", "by_db")).contains(new ResolvedFlag("by_db", FlagValue.of(true), Source.DB));
            assertThat(flags.resolve("org_123", "by_default"))
                    .contains(new ResolvedFlag("by_default", FlagValue.of(true), Source.DEFAULT));
            assertThat(flags.isEnabled("org_123", "by_org")).isTrue();
            assertThat(flags.isEnabled("org_123", "by_db")).isTrue();
        }
    }

    @Test
    void anOrganizationWithoutOverridesGetsTheEnvironmentLevelAnswer() {
        try (FlagResolver flags = layered()) {
            assertThat(flags.resolve("org_other", "by_org")).contains(new ResolvedFlag("by_org", FlagValue.of(false), Source.ENV));
            assertThat(flags.isEnabled("org_other", "by_org")).isFalse();
            assertThat(flags.isEnabled(null, "by_env")).isTrue();
            assertThat(flags.isEnabled("by_env")).isTrue();
        }
    }

    @Test
    void theResolvedViewIsTheContractJson() {
        try (FlagResolver flags = layered()) {
            assertThat(flags.resolveAll("org_123").toJson()).isEqualTo("{\"organization_id\":\"org_123\","
                    + "\"environment\":\"staging\",\"flags\":{"
                    + "\"banner\":{\"value\":\"welcome\",\"source\":\"default\"},"
                    + "\"by_db\":{\"value\":true,\"source\":\"db\"},"
                    + "\"by_default\":{\"value\":true,\"source\":\"default\"},"
                    + "\"by_env\":{\"value\":true,\"source\":\"env\"},"
                    + "\"by_org\":{\"value\":true,\"source\":\"org\"}}}");
            assertThat(flags.resolveAll().toJson()).startsWith("{\"organization_id\":null,\"environment\":\"staging\"");
        }
    }

    @Test
    void typedGettersReturnTheFallbackForUnknownFlagsAndFlagsOfAnotherType() {
        try (FlagResolver flags = layered()) {
            assertThat(flags.stringValue("org_123", "banner", "x")).isEqualTo("welcome");
            assertThat(flags.stringValue("org_123", "by_org", "x")).isEqualTo("x");
            assertThat(flags.booleanValue("org_123", "banner", true)).isTrue();
            assertThat(flags.booleanValue("org_123", "nope", true)).isTrue();
            assertThat(flags.isEnabled("org_123", "nope")).isFalse();
            assertThat(flags.numberValue("org_123", "banner", BigDecimal.ONE)).isEqualTo(BigDecimal.ONE);
            assertThat(flags.resolve("org_123", "nope")).isEmpty();
        }
    }

    @Test
    void numberAndJsonFlagsResolveThroughTheSameLayers() {
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV)
                .flag(FlagDefinition.of("max_batch", 100))
                .flag(FlagDefinition.json("layout", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()))
                .overrides(Variables.of(Map.of(ORG_JSON, "{\"o\": {\"max_batch\": 500, \"layout\": {\"cols\": 3}}}")))
                .build()) {
            assertThat(flags.numberValue("o", "max_batch", BigDecimal.ZERO)).isEqualByComparingTo("500");
            assertThat(flags.numberValue("p", "max_batch", BigDecimal.ZERO)).isEqualByComparingTo("100");
            assertThat(flags.jsonValue("o", "layout", null).get("cols").asInt()).isEqualTo(3);
            assertThat(flags.resolveAll("o").toJson()).contains("\"max_batch\":{\"value\":500,\"source\":\"org\"}");
        }
    }

    @Test
    void aResolverRefusesToBuildFromMalformedOverrideJson() {
        assertThatThrownBy(() -> FlagResolver.builder().environment(AppEnv.DEV)
                .overrides(Variables.of(Map.of(ENV_JSON, "{\"a\": true"))))
                .isInstanceOf(InvalidOverridesException.class)
                .hasMessageContaining("FEATURE_FLAG_ENV_OVERRIDES_JSON is invalid at JSON line 1");
    }

    @Test
    void anOverrideOfAnUndeclaredFlagIsRefusedAsALikelyTypo() {
        assertThatThrownBy(() -> FlagResolver.builder().environment(AppEnv.DEV).flag("new_inbox", false)
                .overrides(Variables.of(Map.of(ORG_JSON, "{\"org_1\": {\"new_inbx\": true}}"))).build())
                .isInstanceOf(FlagConfigurationException.class)
                .hasMessageContaining("FEATURE_FLAG_ORG_OVERRIDES_JSON sets flag 'new_inbx' for organization 'org_1'");
    }

    @Test
    void anOverrideOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> FlagResolver.builder().environment(AppEnv.DEV).flag("new_inbox", false)
                .overrides(Variables.of(Map.of(ENV_JSON, "{\"new_inbox\": \"yes\"}"))).build())
                .isInstanceOf(FlagConfigurationException.class)
                .hasMessageContaining("gives flag 'new_inbox' a string value, but it is declared boolean");
    }

    @Test
    void aDatabaseValueOfTheWrongTypeIsIgnoredAndTheDefaultAnswers() {
        try (FlagResolver flags = resolver(Map.of(), Map.of("by_db", FlagValue.of("garbage")))) {
            assertThat(flags.resolve("o", "by_db")).contains(new ResolvedFlag("by_db", FlagValue.of(false), Source.DEFAULT));
        }
    }

    @Test
    void inferringDeclaresEveryFlagMetInTheLayersWithAnOffDefault() {
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).inferUndeclaredFlags()
                .overrides(Variables.of(Map.of(ORG_JSON, "{\"org_1\": {\"beta\": true}, \"org_2\": {\"tier\": \"gold\"}}")))
                .store(new MapFlagStore(Map.of("from_db", FlagValue.of(true))))
                .executor(Runnable::run).backgroundRefresh(false)
                .build()) {
            assertThat(flags.resolveAll("org_2").flags()).containsOnlyKeys("beta", "from_db", "tier");
            assertThat(flags.resolve("org_2", "beta")).contains(new ResolvedFlag("beta", FlagValue.of(false), Source.DEFAULT));
            assertThat(flags.resolve("org_2", "from_db")).contains(new ResolvedFlag("from_db", FlagValue.of(true), Source.DB));
            assertThat(flags.resolve("org_1", "tier")).contains(new ResolvedFlag("tier", FlagValue.of(""), Source.DEFAULT));
        }
    }

    @Test
    void theEnvironmentComesFromAppEnvWhenNotSet() {
        try (FlagResolver flags = FlagResolver.builder().overrides(Variables.of(Map.of("APP_ENV", "prod"))).build()) {
            assertThat(flags.environment()).isEqualTo(AppEnv.PROD);
        }
        assertThatThrownBy(() -> FlagResolver.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("environment");
    }

    @Test
    void theBooleanFastPathAgreesWithTheFullResolutionForManyFlagsAndOrganizations() {
        java.util.Random random = new java.util.Random(42);
        FlagResolver.Builder builder = FlagResolver.builder().environment(AppEnv.DEV);
        StringBuilder env = new StringBuilder("{");
        StringBuilder orgs = new StringBuilder("{");
        for (int f = 0; f < 300; f++) {
            builder.flag("flag_" + f, random.nextBoolean());
            if (random.nextInt(3) == 0) {
                env.append(env.length() > 1 ? "," : "").append("\"flag_").append(f).append("\":").append(random.nextBoolean());
            }
        }
        builder.flag(FlagDefinition.of("text_flag", "x"));
        for (int o = 0; o < 100; o++) {
            java.util.Set<Integer> overridden = new java.util.LinkedHashSet<>();
            while (overridden.size() < 5) {
                overridden.add(random.nextInt(300));
            }
            orgs.append(o > 0 ? "," : "").append("\"org_").append(o).append("\":{");
            orgs.append(overridden.stream().map(f -> "\"flag_" + f + "\":" + random.nextBoolean())
                    .collect(java.util.stream.Collectors.joining(",")));
            orgs.append('}');
        }
        String orgJson = orgs.append('}').toString();
        Map<String, FlagValue> db = new java.util.HashMap<>();
        for (int f = 0; f < 300; f += 7) {
            db.put("flag_" + f, FlagValue.of(random.nextBoolean()));
        }
        try (FlagResolver flags = builder
                .overrides(Variables.of(Map.of(ENV_JSON, env.append('}').toString(), ORG_JSON, orgJson)))
                .store(new MapFlagStore(db)).executor(Runnable::run).backgroundRefresh(false).build()) {
            for (int o = -1; o < 120; o++) {
                String org = o < 0 ? null : new String("org_" + o); // equal, never the same instance
                for (int f = 0; f < 310; f++) {
                    String key = new String("flag_" + f);
                    boolean expected = flags.resolve(org, key)
                            .map(r -> ((FlagValue.Bool) r.value()).value()).orElse(true);
                    assertThat(flags.booleanValue(org, key, true)).as(org + "/" + key).isEqualTo(expected);
                }
                assertThat(flags.booleanValue(org, "text_flag", true)).isTrue();
                assertThat(flags.booleanValue(org, "text_flag", false)).isFalse();
            }
        }
    }

    @Test
    void aChangeInTheStoreIsSeenAfterANotice() {
        MapFlagStore store = new MapFlagStore(Map.of());
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).flag("x", false).store(store)
                .executor(Runnable::run).backgroundRefresh(false).build()) {
            assertThat(flags.isEnabled("o", "x")).isFalse();
            store.put("x", FlagValue.of(true));
            assertThat(flags.resolve("o", "x")).contains(new ResolvedFlag("x", FlagValue.of(true), Source.DB));
        }
    }
}
