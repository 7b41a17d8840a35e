package org.sosops.env.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.FlagValue;

class FlagObserverTest {
    private final List<String> seen = new ArrayList<>();

    private FlagResolver resolver(boolean observed) {
        FlagResolver.Builder builder = FlagResolver.builder()
                .environment(AppEnv.STAGING)
                .overrides(Variables.of(Map.of(
                        "FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"by_env\": true, \"by_org\": false}",
                        "FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_123\": {\"by_org\": true}}")))
                .flag("by_org", false).flag("by_env", false).flag("by_db", false).flag("by_default", true)
                .flag(FlagDefinition.of("banner", "welcome"))
                .store(new MapFlagStore(Map.of("by_db", FlagValue.of(true))))
                .executor(Runnable::run).backgroundRefresh(false);
        if (observed) {
            builder.observer(new SourceRecorder(seen));
        }
        FlagResolver flags = builder.build();
        flags.refresh();
        return flags;
    }

    @Test
    void theHotPathReportsTheLayerOfEveryAnswerAndStillAnswersTheSame() {
        try (FlagResolver observed = resolver(true); FlagResolver bare = resolver(false)) {
            String[][] calls = {{"org_123", "by_org"}, {"org_123", "by_env"}, {"org_9", "by_org"}, {null, "by_db"},
                    {"org_123", "by_default"}, {"org_123", "nope"}, {"org_123", "banner"}};
            for (String[] call : calls) {
                for (boolean fallback : new boolean[] {false, true}) {
                    assertThat(observed.booleanValue(call[0], call[1], fallback)).as(String.join("/", call[0] + "", call[1]))
                            .isEqualTo(bare.booleanValue(call[0], call[1], fallback));
                }
            }
            assertThat(seen).containsExactly("org", "org", "env", "env", "env", "env", "db", "db", "default", "default",
                    "unknown", "unknown", "default", "default");
        }
    }

    @Test
    void typedGettersAndResolveReportToo() {
        try (FlagResolver flags = resolver(true)) {
            assertThat(flags.stringValue("org_123", "banner", "x")).isEqualTo("welcome");
            assertThat(flags.resolve("org_123", "by_org")).isPresent();
            assertThat(flags.resolve("org_123", "missing")).isEmpty();
            assertThat(seen).containsExactly("default", "org", "unknown");
        }
    }
}
