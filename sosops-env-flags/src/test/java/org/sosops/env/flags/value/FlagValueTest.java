package org.sosops.env.flags.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FlagValueTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void everyValueKnowsItsTypeAndPrintsAsItsJsonSpelling() {
        ObjectNode layout = NODES.objectNode().put("cols", 2);

        assertThat(FlagValue.of(true).type()).isEqualTo(FlagType.BOOLEAN);
        assertThat(FlagValue.of("hi").type()).isEqualTo(FlagType.STRING);
        assertThat(FlagValue.of(3).type()).isEqualTo(FlagType.NUMBER);
        assertThat(FlagValue.json(layout).type()).isEqualTo(FlagType.JSON);

        assertThat(FlagValue.of(true)).hasToString("true");
        assertThat(FlagValue.of(false)).hasToString("false");
        assertThat(FlagValue.of("hi")).hasToString("\"hi\"");
        assertThat(FlagValue.of(new BigDecimal("1E+4"))).hasToString("10000");
        assertThat(FlagValue.json(layout)).hasToString("{\"cols\":2}");
    }

    @Test
    void booleansAreTheTwoSharedInstances() {
        assertThat(FlagValue.of(true)).isSameAs(FlagValue.of(true)).isEqualTo(new FlagValue.Bool(true));
        assertThat(FlagValue.of(false)).isSameAs(FlagValue.of(false));
        assertThat(FlagValue.of(true).value()).isTrue();
        assertThat(FlagValue.of(false).value()).isFalse();
        assertThat(FlagValue.of(true).toJson().booleanValue()).isTrue();
        assertThat(FlagValue.of(false).toJson().isBoolean()).isTrue();
        assertThat(FlagValue.of("x").toJson().textValue()).isEqualTo("x");
    }

    @Test
    void aJsonNodeBecomesTheFlagValueItStandsForAndNullIsNoValue() {
        assertThat(FlagValue.fromJson(null)).isEmpty();
        assertThat(FlagValue.fromJson(NullNode.getInstance())).isEmpty();
        assertThat(FlagValue.fromJson(MissingNode.getInstance())).isEmpty();
        assertThat(FlagValue.fromJson(NODES.booleanNode(true))).contains(FlagValue.of(true));
        assertThat(FlagValue.fromJson(NODES.booleanNode(false))).contains(FlagValue.of(false));
        assertThat(FlagValue.fromJson(NODES.textNode("gold"))).contains(FlagValue.of("gold"));
        assertThat(FlagValue.fromJson(NODES.numberNode(new BigDecimal("2.5")))).contains(FlagValue.of(new BigDecimal("2.5")));
        assertThat(FlagValue.fromJson(NODES.arrayNode().add(1))).contains(FlagValue.json(NODES.arrayNode().add(1)));
        // Binary and POJO nodes are neither scalars nor containers: no flag value.
        assertThat(FlagValue.fromJson(NODES.binaryNode(new byte[] {1}))).isEmpty();
    }

    @Test
    void integralNumbersPrintAsIntegersAndFractionsKeepTheirDigits() {
        assertThat(json(FlagValue.of(new BigDecimal("1E+4")))).isEqualTo("10000");
        assertThat(FlagValue.of(new BigDecimal("1E+4")).toJson().isIntegralNumber()).isTrue();
        assertThat(json(FlagValue.of(new BigDecimal("5.000")))).isEqualTo("5");
        assertThat(json(FlagValue.of(new BigDecimal("0.00")))).isEqualTo("0");
        assertThat(json(FlagValue.of(250))).isEqualTo("250");
        assertThat(json(FlagValue.of(new BigDecimal("2.50")))).isEqualTo("2.50");
        assertThat(FlagValue.of(new BigDecimal("2.50")).toJson().isBigDecimal()).isTrue();
        assertThat(json(FlagValue.of(new BigDecimal("-0.5")))).isEqualTo("-0.5");
    }

    @Test
    void anIntegralNumberBeyondALongStaysAnExactDecimal() {
        BigDecimal huge = new BigDecimal("123456789012345678901234567890");
        JsonNode node = FlagValue.of(huge).toJson();
        assertThat(node.isBigDecimal()).isTrue();
        assertThat(node.decimalValue()).isEqualByComparingTo(huge);
    }

    @Test
    void aJsonValueIsAnObjectOrArrayAndIsCopiedInAndOut() {
        assertThatThrownBy(() -> FlagValue.json(NODES.textNode("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a JSON flag value is an object or an array");

        ObjectNode original = NODES.objectNode().put("cols", 2);
        FlagValue.Json value = FlagValue.json(original);
        original.put("cols", 3);
        assertThat(value.toJson().get("cols").asInt()).isEqualTo(2);
        ((ObjectNode) value.toJson()).put("cols", 4);
        assertThat(value.toJson().get("cols").asInt()).isEqualTo(2);
        assertThat(value.value().get("cols").asInt()).isEqualTo(2);
    }

    @Test
    void typesAndSourcesAreSpelledInLowerCase() {
        assertThat(FlagType.BOOLEAN.id()).isEqualTo("boolean");
        assertThat(FlagType.JSON).hasToString("json");
        assertThat(Source.ORG.id()).isEqualTo("org");
        assertThat(Source.DEFAULT).hasToString("default");
    }

    private static String json(FlagValue value) {
        return value.toJson().toString();
    }
}
