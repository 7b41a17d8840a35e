package org.sosops.env.flags.overrides;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.Entitlements;
import org.sosops.env.flags.value.FlagValue;

/**
 * Reads the override JSON with Jackson's streaming parser, so that a wrong shape is reported at
 * its JSON line and column just like a syntax error. Duplicate keys are errors: the last one
 * silently winning is how an override gets lost.
 */
final class OverridesParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Set<String> ENTITLEMENT_KEYS = Set.of("seat_limit", "features", "usage_caps");

    private OverridesParser() {
    }

    static OverridesParse parse(Variables variables) {
        List<OverrideProblem> problems = new ArrayList<>();
        Map<String, FlagValue> envFlags = read(variables, OverrideVariable.FEATURE_FLAG_ENV_OVERRIDES_JSON, problems,
                OverridesParser::flagMap, Map.of());
        Map<String, Map<String, FlagValue>> orgFlags = read(variables,
                OverrideVariable.FEATURE_FLAG_ORG_OVERRIDES_JSON, problems,
                p -> perOrganization(p, OverridesParser::flagMap, "an object of flag key to value"), Map.of());
        Entitlements envEntitlements = read(variables, OverrideVariable.ENTITLEMENT_ENV_OVERRIDES_JSON, problems,
                OverridesParser::entitlements, Entitlements.none());
        Map<String, Entitlements> orgEntitlements = read(variables, OverrideVariable.ENTITLEMENT_ORG_OVERRIDES_JSON,
                problems, p -> perOrganization(p, OverridesParser::entitlements, "an entitlements object"), Map.of());
        if (!problems.isEmpty()) {
            return new OverridesParse.Invalid(problems);
        }
        return new OverridesParse.Parsed(new Overrides(envFlags, orgFlags, envEntitlements, orgEntitlements));
    }

    private interface Reader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private static <T> T read(Variables variables, OverrideVariable variable, List<OverrideProblem> problems,
                              Reader<T> reader, T absent) {
        Optional<VariableValue> value = variables.get(variable.name());
        if (value.isEmpty() || value.get().isBlank()) {
            return absent;
        }
        Optional<Location> location = value.get().location();
        try (JsonParser parser = FACTORY.createParser(value.get().value())) {
            parser.nextToken();
            T result = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new Shape(parser.currentTokenLocation(), "unexpected content after the JSON value");
            }
            return result;
        } catch (Shape shape) {
            problems.add(problem(variable, shape.where, shape.getMessage(), location));
        } catch (JsonProcessingException syntax) {
            problems.add(problem(variable, syntax.getLocation(), firstLine(syntax.getOriginalMessage()), location));
        } catch (IOException e) {
            problems.add(new OverrideProblem(variable, 1, 1, "cannot be read: " + e.getClass().getSimpleName(),
                    location));
        }
        return absent;
    }

    private static OverrideProblem problem(OverrideVariable variable, JsonLocation where, String detail,
                                           Optional<Location> location) {
        int line = where == null ? 1 : Math.max(1, where.getLineNr());
        int column = where == null ? 1 : Math.max(1, where.getColumnNr());
        return new OverrideProblem(variable, line, column, detail, location);
    }

    private static Map<String, FlagValue> flagMap(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "expected an object of flag key to value, like {\"flag_key\": true}");
        Map<String, FlagValue> flags = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = key(p, "flag key");
            JsonToken token = p.nextToken();
            JsonLocation at = p.currentTokenLocation();
            Optional<FlagValue> value = switch (token) {
                case VALUE_TRUE -> Optional.of(FlagValue.of(true));
                case VALUE_FALSE -> Optional.of(FlagValue.of(false));
                case VALUE_STRING -> Optional.of(FlagValue.of(p.getText()));
                case VALUE_NUMBER_INT -> Optional.of(FlagValue.of(p.getDecimalValue()));
                // As Jackson's tree model reads a float (a double), so a value compares the same either way.
                case VALUE_NUMBER_FLOAT -> Optional.of(FlagValue.of(BigDecimal.valueOf(p.getDoubleValue())));
                case START_OBJECT, START_ARRAY -> FlagValue.fromJson(Trees.MAPPER.readTree(p));
                default -> Optional.empty();
            };
            flags.put(key, value.orElseThrow(() -> new Shape(at,
                    "flag '" + key + "' must be true/false, a string, a number or a JSON object/array")));
        }
        return flags;
    }

    private static <T> Map<String, T> perOrganization(JsonParser p, Reader<T> inner, String innerShape)
            throws IOException {
        expect(p, JsonToken.START_OBJECT, "expected an object of organization id to " + innerShape
                + ", like {\"org_123\": {...}}");
        Map<String, T> byOrg = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String org = key(p, "organization id");
            p.nextToken();
            byOrg.put(org, inner.read(p));
        }
        return byOrg;
    }

    private static Entitlements entitlements(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT,
                "expected an entitlements object, like {\"seat_limit\": 25, \"features\": [], \"usage_caps\": {}}");
        OptionalLong seatLimit = OptionalLong.empty();
        Set<String> features = new LinkedHashSet<>();
        Map<String, Long> caps = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation nameAt = p.currentTokenLocation();
            if (!ENTITLEMENT_KEYS.contains(name)) {
                throw new Shape(nameAt, "unknown entitlement '" + name + "'; expected seat_limit, features or usage_caps");
            }
            p.nextToken();
            switch (name) {
                case "seat_limit" -> seatLimit = OptionalLong.of(count(p, "seat_limit"));
                case "features" -> {
                    expect(p, JsonToken.START_ARRAY, "features must be an array of feature names");
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                            throw new Shape(p.currentTokenLocation(), "features must hold non-empty strings");
                        }
                        features.add(p.getText());
                    }
                }
                default -> {
                    expect(p, JsonToken.START_OBJECT, "usage_caps must be an object of cap name to number");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String cap = key(p, "usage cap name");
                        p.nextToken();
                        caps.put(cap, count(p, "usage cap '" + cap + "'"));
                    }
                }
            }
        }
        return new Entitlements(seatLimit, features, caps);
    }

    private static long count(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new Shape(p.currentTokenLocation(), what + " must be a whole number");
        }
        BigInteger value = p.getBigIntegerValue();
        if (value.signum() < 0 || value.bitLength() > 62) {
            throw new Shape(p.currentTokenLocation(), what + " must be between 0 and 2^62");
        }
        return value.longValue();
    }

    private static String key(JsonParser p, String what) throws IOException {
        String key = p.currentName();
        if (key.isBlank()) {
            throw new Shape(p.currentTokenLocation(), "an empty " + what);
        }
        return key;
    }

    private static void expect(JsonParser p, JsonToken token, String message) {
        if (p.currentToken() != token) {
            throw new Shape(p.currentTokenLocation(), message);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        return (newline >= 0 ? message.substring(0, newline) : message).strip();
    }

    /**
     * The tree mapper, built on first use: an {@code ObjectMapper} loads some 300 classes, which
     * is most of a command-line {@code check}'s start-up, while scalar overrides (the usual case)
     * never need it.
     */
    private static final class Trees {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    }

    /** A wrong shape, at a JSON position. */
    private static final class Shape extends RuntimeException {
        private final transient JsonLocation where;

        Shape(JsonLocation where, String message) {
            super(message, null, false, false);
            this.where = where;
        }
    }
}
