package org.sosops.env.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.FlagValue;

class BooleanFlagTest {
    private static final String ENV_JSON = "FEATURE_FLAG_ENV_OVERRIDES_JSON";
    private static final String ORG_JSON = "FEATURE_FLAG_ORG_OVERRIDES_JSON";
    private static final List<String> KEYS = List.of("by_org", "by_env", "by_db", "by_default", "garbage_in_db");

    private final List<String> seen = new ArrayList<>();

    private FlagResolver layered(MapFlagStore store, boolean observed) {
        FlagResolver.Builder builder = FlagResolver.builder()
                .environment(AppEnv.STAGING)
                .overrides(Variables.of(Map.of(
                        ENV_JSON, "{\"by_org\": false, \"by_env\": true}",
                        ORG_JSON, "{\"org_123\": {\"by_org\": true}, \"org_456\": {\"by_env\": false}}")))
                .flag("by_org", false).flag("by_env", false).flag("by_db", false).flag("by_default", true)
                .flag("garbage_in_db", true)
                .flag(FlagDefinition.of("banner", "welcome"))
                .store(store)
                .executor(Runnable::run)
                .backgroundRefresh(false);
        if (observed) {
            builder.observer(new SourceRecorder(seen));
        }
        FlagResolver flags = builder.build();
        flags.refresh();
        return flags;
    }

    private static MapFlagStore store() {
        return new MapFlagStore(Map.of("by_org", FlagValue.of(false), "by_env", FlagValue.of(false),
                "by_db", FlagValue.of(true), "garbage_in_db", FlagValue.of("yes")));
    }

    @Test
    void aHandleAnswersAsTheStringApiFromEveryLayerForKnownUnknownAndNullOrganizations() {
        try (FlagResolver flags = layered(store(), false)) {
            for (String key : KEYS) {
                BooleanFlag handle = flags.booleanFlag(key);
                for (String org : new String[] {"org_123", "org_456", "org_unknown", null, new String("org_123")}) {
                    assertThat(handle.isEnabled(org)).as(org + "/" + key).isEqualTo(flags.booleanValue(org, key, false));
                }
                assertThat(handle.isEnabled()).as(key).isEqualTo(flags.isEnabled(key));
            }
            assertThat(flags.booleanFlag("by_org").isEnabled("org_123")).isTrue();      // org
            assertThat(flags.booleanFlag("by_org").isEnabled("org_unknown")).isFalse(); // env beats db and default
            assertThat(flags.booleanFlag("by_env").isEnabled("org_456")).isFalse();     // org beats env
            assertThat(flags.booleanFlag("by_env").isEnabled(null)).isTrue();           // env
            assertThat(flags.booleanFlag("by_db").isEnabled("org_123")).isTrue();       // db
            assertThat(flags.booleanFlag("by_default").isEnabled()).isTrue();           // default
            assertThat(flags.booleanFlag("garbage_in_db").isEnabled()).isTrue();        // a string in the db is ignored
        }
    }

    @Test
    void handlesAgreeWithTheStringApiForManyFlagsAndOrganizations() {
        Random random = new Random(7);
        FlagResolver.Builder builder = FlagResolver.builder().environment(AppEnv.DEV);
        StringBuilder env = new StringBuilder("{");
        StringBuilder orgs = new StringBuilder("{");
        for (int f = 0; f < 200; f++) {
            builder.flag("flag_" + f, random.nextBoolean());
            if (f % 10 == 3) {
                builder.flag(FlagDefinition.of("text_" + f, "x")); // other types between the booleans
            }
            if (random.nextInt(3) == 0) {
                env.append(env.length() > 1 ? "," : "").append("\"flag_").append(f).append("\":").append(random.nextBoolean());
            }
        }
        for (int o = 0; o < 50; o++) {
            orgs.append(o > 0 ? "," : "").append("\"org_").append(o).append("\":{");
            for (int n = 0; n < 5; n++) {
                orgs.append(n > 0 ? "," : "").append("\"flag_").append((o * 7 + n * 41) % 200).append("\":").append(random.nextBoolean());
            }
            orgs.append('}');
        }
        Map<String, FlagValue> db = new HashMap<>();
        for (int f = 0; f < 200; f += 3) {
            db.put("flag_" + f, FlagValue.of(random.nextBoolean()));
        }
        try (FlagResolver flags = builder
                .overrides(Variables.of(Map.of(ENV_JSON, env.append('}').toString(), ORG_JSON, orgs.append('}').toString())))
                .store(new MapFlagStore(db)).executor(Runnable::run).backgroundRefresh(false).build()) {
            flags.refresh();
            for (int f = 0; f < 200; f++) {
                BooleanFlag handle = flags.booleanFlag("flag_" + f);
                for (int o = -1; o < 60; o++) {
                    String org = o < 0 ? null : "org_" + o;
                    assertThat(handle.isEnabled(org)).as(org + "/" + handle).isEqualTo(flags.isEnabled(org, "flag_" + f));
                }
            }
        }
    }

    @Test
    void aHandleTakenBeforeADatabaseChangeSeesTheChange() {
        MapFlagStore store = store();
        try (FlagResolver flags = layered(store, false)) {
            BooleanFlag byDb = flags.booleanFlag("by_db");
            assertThat(byDb.isEnabled("org_123")).isTrue();
            assertThat(byDb.isEnabled("org_unknown")).isTrue();

            store.put("by_db", FlagValue.of(false));   // a notice: the resolver's tables are rebuilt
            assertThat(byDb.isEnabled("org_123")).isFalse();
            assertThat(byDb.isEnabled("org_unknown")).isFalse();
            assertThat(byDb.isEnabled()).isFalse();

            store.remove("by_db");                     // back to the declared default
            assertThat(byDb.isEnabled("org_123")).isFalse();
            store.put("by_default", FlagValue.of(false));
            assertThat(flags.booleanFlag("by_default").isEnabled("org_456")).isFalse();
        }
    }

    @Test
    void theObserverHearsTheSameSourcesFromAHandleAsFromTheStringApi() {
        try (FlagResolver flags = layered(store(), true)) {
            for (String key : KEYS) {
                BooleanFlag handle = flags.booleanFlag(key);
                for (String org : new String[] {"org_123", "org_unknown", null}) {
                    handle.isEnabled(org);
                    flags.isEnabled(org, key);
                }
            }
            assertThat(seen).hasSize(30);
            for (int i = 0; i < seen.size(); i += 2) {
                assertThat(seen.get(i)).as("call " + i / 2).isEqualTo(seen.get(i + 1));
            }
            assertThat(seen).containsSubsequence("org", "org", "env", "env", "db", "db", "default", "default");
        }
    }

    @Test
    void aHandleOnAnUndeclaredFlagOrAFlagOfAnotherTypeIsRefusedAtOnce() {
        try (FlagResolver flags = layered(store(), false)) {
            assertThatThrownBy(() -> flags.booleanFlag("by_dbb"))
                    .isInstanceOf(FlagConfigurationException.class)
                    .hasMessage("booleanFlag(\"by_dbb\"): no flag 'by_dbb' is declared; declare it on the builder "
                            + "(.flag(\"by_dbb\", false)) or fix the name");
            assertThatThrownBy(() -> flags.booleanFlag("banner"))
                    .isInstanceOf(FlagConfigurationException.class)
                    .hasMessage("booleanFlag(\"banner\"): flag 'banner' is declared string, not boolean; "
                            + "read it with stringValue(...)");
        }
    }

    @Test
    void anInferredFlagHasNoHandleButStillAnswersByName() {
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).inferUndeclaredFlags()
                .overrides(Variables.of(Map.of(ENV_JSON, "{\"beta\": true}"))).build()) {
            assertThat(flags.isEnabled("org_1", "beta")).isTrue();
            assertThatThrownBy(() -> flags.booleanFlag("beta")).isInstanceOf(FlagConfigurationException.class)
                    .hasMessageContaining("no flag 'beta' is declared");
        }
    }

    @Test
    void aHandleNamesItsFlag() {
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).flag("only", true).build()) {
            assertThat(flags.booleanFlag("only")).hasToString("BooleanFlag[only]");
            assertThat(flags.booleanFlag("only").key()).isEqualTo("only");
            assertThat(flags.booleanFlag("only").isEnabled("anyone")).isTrue();
        }
    }

    @Test
    void aResolverWithoutBooleanFlagsStillAnswersByName() {
        try (FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).flag(FlagDefinition.of("banner", "hi"))
                .overrides(Variables.of(Map.of(ORG_JSON, "{\"org_1\": {\"banner\": \"yo\"}}"))).build()) {
            assertThat(flags.stringValue("org_1", "banner", "")).isEqualTo("yo");
            assertThat(flags.isEnabled("org_1", "banner")).isFalse();
        }
    }
}
