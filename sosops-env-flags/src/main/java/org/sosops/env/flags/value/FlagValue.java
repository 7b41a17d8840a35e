package org.sosops.env.flags.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A flag's value: boolean, string, number or JSON (an object or array).
 *
 * <pre>{@code
 * FlagValue on = FlagValue.of(true);
 * FlagValue banner = FlagValue.of("Spring drive");
 * FlagValue v = FlagValue.fromJson(node).orElseThrow();
 * }</pre>
 */
public sealed interface FlagValue {
    FlagType type();

    /** The value as a JSON node, for output. */
    JsonNode toJson();

    static Bool of(boolean value) {
        return value ? Bool.TRUE : Bool.FALSE;
    }

    static Text of(String value) {
        return new Text(value);
    }

    static Number of(BigDecimal value) {
        return new Number(value);
    }

    static Number of(long value) {
        return new Number(BigDecimal.valueOf(value));
    }

    /** An object or array value. */
    static Json json(JsonNode value) {
        return new Json(value);
    }

    /** The flag value a JSON node stands for; empty for {@code null}. */
    static Optional<FlagValue> fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(of(node.booleanValue()));
        }
        if (node.isTextual()) {
            return Optional.of(of(node.textValue()));
        }
        if (node.isNumber()) {
            return Optional.of(of(node.decimalValue()));
        }
        if (node.isContainerNode()) {
            return Optional.of(json(node));
        }
        return Optional.empty();
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements FlagValue {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);

        @Override
        public FlagType type() {
            return FlagType.BOOLEAN;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.booleanNode(value);
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A string. */
    record Text(String value) implements FlagValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FlagType type() {
            return FlagType.STRING;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value);
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** A number, kept exact. */
    record Number(BigDecimal value) implements FlagValue {
        public Number {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FlagType type() {
            return FlagType.NUMBER;
        }

        @Override
        public JsonNode toJson() {
            // Integral values print as integers (10000, never 1E+4).
            if (value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
                try {
                    return JsonNodeFactory.instance.numberNode(value.longValueExact());
                } catch (ArithmeticException tooLarge) {
                    return DecimalNode.valueOf(value);
                }
            }
            return DecimalNode.valueOf(value);
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }
    }

    /** A JSON object or array. */
    record Json(JsonNode value) implements FlagValue {
        public Json {
            Objects.requireNonNull(value, "value");
            if (!value.isContainerNode()) {
                throw new IllegalArgumentException("a JSON flag value is an object or an array");
            }
            value = value.deepCopy();
        }

        @Override
        public FlagType type() {
            return FlagType.JSON;
        }

        @Override
        public JsonNode toJson() {
            return value.deepCopy();
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
