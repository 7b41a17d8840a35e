package org.sosops.env.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sosops.env.cli.support.InputException;

/**
 * A performance budget file: for each benchmark-name regular expression (found anywhere in the
 * name), limits in absolute terms or as a ratio to a peer benchmark of the same results file.
 *
 * <pre>{@code
 * {
 *   "FlagResolutionBenchmark\\.sosopsResolver$": [
 *     {"max_bytes_per_op": 0.5},
 *     {"max_ratio_to": "FlagResolutionBenchmark.floorThreeHashLookups", "max_ratio": 2.0}
 *   ],
 *   "ValidationBenchmark\\.validateComplete": {"max_ns_per_op": 10000}
 * }
 * }</pre>
 *
 * A value is one limit object or an array of them, so one benchmark can have several.
 */
public record PerfBudget(List<Limit> limits) {
    private static final Set<String> KEYS = Set.of("max_ns_per_op", "max_bytes_per_op", "max_ratio_to", "max_ratio", "note");

    public PerfBudget {
        limits = List.copyOf(limits);
    }

    /**
     * One limit of one budget entry.
     *
     * @param key        the entry's regular expression as written
     * @param pattern    the compiled expression, found anywhere in a benchmark's name
     * @param maxNsPerOp the largest time per operation allowed
     * @param maxBytes   the largest allocation per operation allowed
     * @param ratioTo    the peer benchmark (its full name, or the end of it after a dot)
     * @param maxRatio   the largest time per operation allowed as a multiple of the peer's
     */
    public record Limit(String key, Pattern pattern, OptionalDouble maxNsPerOp, OptionalDouble maxBytes,
                        Optional<String> ratioTo, OptionalDouble maxRatio) {
        public Limit {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    public static PerfBudget read(Path file) {
        JsonNode root = JsonFile.read(file);
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": a budget is a JSON object of benchmark regex -> limits");
        }
        List<Limit> limits = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String where = file + ": \"" + entry.getKey() + "\"";
            Pattern pattern;
            try {
                pattern = Pattern.compile(entry.getKey());
            } catch (PatternSyntaxException e) {
                throw new InputException(where + ": not a regular expression (" + e.getDescription() + ")");
            }
            JsonNode value = entry.getValue();
            List<JsonNode> objects = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(objects::add);
            } else {
                objects.add(value);
            }
            if (objects.isEmpty()) {
                throw new InputException(where + ": no limits");
            }
            for (JsonNode object : objects) {
                limits.add(limit(where, entry.getKey(), pattern, object));
            }
        }
        return new PerfBudget(limits);
    }

    private static Limit limit(String where, String key, Pattern pattern, JsonNode object) {
        if (!object.isObject()) {
            throw new InputException(where + ": each limit is an object such as {\"max_ns_per_op\": 200}");
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                throw new InputException(where + ": unknown key \"" + name + "\" (known: max_ns_per_op, max_bytes_per_op, "
                        + "max_ratio_to, max_ratio, note)");
            }
        });
        OptionalDouble ns = positive(where, object, "max_ns_per_op");
        OptionalDouble bytes = positive(where, object, "max_bytes_per_op");
        OptionalDouble ratio = positive(where, object, "max_ratio");
        JsonNode to = object.get("max_ratio_to");
        if (to != null && (!to.isTextual() || to.asText().isBlank())) {
            throw new InputException(where + ": \"max_ratio_to\" names a peer benchmark");
        }
        if ((to == null) != ratio.isEmpty()) {
            throw new InputException(where + ": \"max_ratio_to\" and \"max_ratio\" go together");
        }
        if (ns.isEmpty() && bytes.isEmpty() && ratio.isEmpty()) {
            throw new InputException(where + ": no limit (give max_ns_per_op, max_bytes_per_op or max_ratio_to + max_ratio)");
        }
        return new Limit(key, pattern, ns, bytes, Optional.ofNullable(to).map(JsonNode::asText), ratio);
    }

    private static OptionalDouble positive(String where, JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new InputException(where + ": \"" + name + "\" must be a number ≥ 0");
        }
        return OptionalDouble.of(value.asDouble());
    }
}
