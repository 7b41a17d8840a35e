package org.sosops.env.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.overrides.Overrides;
import org.sosops.env.flags.value.FlagType;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.value.Source;

/** A resolver on overrides and defaults alone, and the values it is built from. */
class FlagResolverWithoutStoreTest {

    @Test
    void withoutAStoreTheDatabaseMethodsDoNothingAndTheEnvironmentLevelAnswersFalseWhenOff() {
        Overrides overrides = Overrides.fromVariables(Variables.of(Map.of("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"on\": true}")));
        FlagResolver flags = FlagResolver.builder().environment(AppEnv.DEV).overrides(overrides)
                .flag("on", false).flag("off", false).flag(FlagDefinition.of("limit", new BigDecimal("2.5"))).build();

        flags.refresh();
        assertThat(flags.databaseLoadedAt()).isEmpty();
        assertThat(flags.overrides()).isSameAs(overrides);
        assertThat(flags.definitions()).containsOnlyKeys("limit", "off", "on");
        assertThat(flags.isEnabled("on")).isTrue();
        assertThat(flags.isEnabled("off")).isFalse();
        assertThat(flags.numberValue(null, "limit", BigDecimal.ZERO)).isEqualByComparingTo("2.5");
        flags.close();
        assertThat(flags.isEnabled("on")).isTrue();
    }

    @Test
    void theBuilderRefusesANonPositiveRefreshIntervalAndChainsEverySetting() {
        FlagResolver.Builder builder = FlagResolver.builder();
        assertThatThrownBy(() -> builder.refreshAfterWrite(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("refreshAfterWrite must be positive");
        assertThatThrownBy(() -> builder.refreshAfterWrite(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.refreshAfterWrite(Duration.ofMillis(1))).isSameAs(builder);
        assertThat(builder.observer(source -> { })).isSameAs(builder);
        assertThat(builder.overrides(Overrides.none())).isSameAs(builder);
    }

    @Test
    void aDefinitionNeedsAKeyAndItsDefaultFixesItsType() {
        assertThatThrownBy(() -> FlagDefinition.of(" ", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a flag key must not be blank");
        assertThat(FlagDefinition.of("limit", new BigDecimal("2.5")).type()).isEqualTo(FlagType.NUMBER);
        assertThat(FlagDefinition.of("limit", new BigDecimal("2.5")).defaultValue())
                .isEqualTo(FlagValue.of(new BigDecimal("2.5")));
        assertThat(FlagDefinition.of("banner", "hi").type()).isEqualTo(FlagType.STRING);
    }

    @Test
    void aResolvedFlagPrintsKeyValueAndSource() {
        ResolvedFlag flag = new ResolvedFlag("banner", FlagValue.of("hi"), Source.ENV);
        assertThat(flag).hasToString("banner=\"hi\" (env)");
        assertThat(flag.type()).isEqualTo(FlagType.STRING);
    }
}
