package org.sosops.env.core.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VariablesTest {
    private static final Location ENV_FILE = Location.of(".env", 3);

    @Test
    void laterValuesWinWhileTheProcessEnvironmentOnlyFillsGaps() {
        Variables.Builder builder = Variables.builder();
        assertThat(builder.put(new VariableValue("APP_ENV", "dev", Optional.of(ENV_FILE)))).isSameAs(builder);
        assertThat(builder.put("LOG_LEVEL", "info")).isSameAs(builder);
        assertThat(builder.addAll(List.of(new VariableValue("LOG_LEVEL", "debug", Optional.empty())))).isSameAs(builder);
        assertThat(builder.addMissingFrom(Map.of("APP_ENV", "prod", "APP_URL", "http://localhost"))).isSameAs(builder);
        assertThat(builder.remove("APP_URL")).isSameAs(builder);
        Variables variables = builder.build();
        assertThat(variables.value("APP_ENV")).contains("dev");
        assertThat(variables.get("APP_ENV").orElseThrow().location()).contains(ENV_FILE);
        assertThat(variables.value("LOG_LEVEL")).contains("debug");
        assertThat(variables.isPresent("APP_URL")).isFalse();
        assertThat(variables.names()).containsExactly("APP_ENV", "LOG_LEVEL");
    }

    @Test
    void aBlankValueIsPresentButHasNoValue() {
        Variables variables = Variables.of(Map.of("EMAIL_FROM_NAME", "  "));
        assertThat(variables.isPresent("EMAIL_FROM_NAME")).isTrue();
        assertThat(variables.value("EMAIL_FROM_NAME")).isEmpty();
        assertThat(variables.get("EMAIL_FROM_NAME")).isPresent();
        assertThat(variables.value("MISSING")).isEmpty();
        assertThat(variables.isPresent("MISSING")).isFalse();
    }

    @Test
    void handsOutAPlainUnmodifiableMapInOrder() {
        Variables variables = Variables.builder().put("B", "2").put("A", "1").build();
        Map<String, String> plain = variables.toPlainMap();
        assertThat(plain).containsExactly(Map.entry("B", "2"), Map.entry("A", "1"));
        assertThatThrownBy(() -> plain.put("C", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(variables.toBuilder().put("C", "3").build().toPlainMap()).hasSize(3);
        assertThat(variables.toPlainMap()).hasSize(2);
    }

    @Test
    void printsNamesNeverValues() {
        Variables variables = Variables.builder().put("AUTH_SECRET", "hunter2-hunter2").build();
        assertThat(variables).hasToString("Variables[AUTH_SECRET]");
        assertThat(Variables.empty()).hasToString("Variables[]");
        assertThat(Variables.empty().names()).isEmpty();
        assertThat(new VariableValue("AUTH_SECRET", "hunter2", Optional.of(ENV_FILE)))
                .hasToString("AUTH_SECRET=<7 chars> at .env:3");
        assertThat(new VariableValue("AUTH_SECRET", "hunter2", Optional.empty())).hasToString("AUTH_SECRET=<7 chars>");
    }

    @Test
    void aLocationHasALineOnlyFromOne() {
        assertThat(Location.of(".env", 1).line()).isEqualTo(OptionalInt.of(1));
        assertThat(Location.of(".env", 0).line()).isEmpty();
        assertThat(Location.of(".env", 0)).hasToString(".env").isEqualTo(Location.file(".env"));
        assertThat(Location.of(".env", 12)).hasToString(".env:12");
    }
}
