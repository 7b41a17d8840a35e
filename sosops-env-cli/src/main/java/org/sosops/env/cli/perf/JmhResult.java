package org.sosops.env.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.StringJoiner;
import org.sosops.env.cli.support.InputException;

/**
 * One benchmark of a JMH results file ({@code -rf json}): its name, its score converted to
 * nanoseconds per operation, and the bytes it allocates per operation when {@code -prof gc} ran.
 *
 * @param name          the benchmark's full name, with {@code :param=value,…} appended when it has parameters
 * @param nsPerOp       the primary score as nanoseconds per operation
 * @param score         the score as JMH wrote it
 * @param scoreUnit     JMH's unit of {@code score}, e.g. {@code us/op} or {@code ops/s}
 * @param bytesPerOp    {@code gc.alloc.rate.norm}, when the GC profiler ran
 */
public record JmhResult(String name, OptionalDouble nsPerOp, double score, String scoreUnit, OptionalDouble bytesPerOp) {
    public JmhResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nsPerOp, "nsPerOp");
        Objects.requireNonNull(scoreUnit, "scoreUnit");
        Objects.requireNonNull(bytesPerOp, "bytesPerOp");
    }

    /** Reads a JMH JSON results file; a file that is not one is an input error naming it. */
    public static List<JmhResult> read(Path file) {
        JsonNode root = JsonFile.read(file);
        if (root == null || !root.isArray()) {
            throw new InputException(file + ": not a JMH results file (expected the JSON array of -rf json)");
        }
        List<JmhResult> results = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            String where = file + ": result " + index++;
            JsonNode benchmark = entry.get("benchmark");
            JsonNode primary = entry.get("primaryMetric");
            if (benchmark == null || !benchmark.isTextual() || primary == null
                    || !primary.path("score").isNumber() || !primary.path("scoreUnit").isTextual()) {
                throw new InputException(where + ": needs \"benchmark\" and \"primaryMetric\" with a numeric \"score\" and a \"scoreUnit\"");
            }
            double score = primary.get("score").asDouble();
            String unit = primary.get("scoreUnit").asText();
            results.add(new JmhResult(benchmark.asText() + params(entry.get("params")), nanosPerOp(score, unit), score, unit,
                    allocation(entry.get("secondaryMetrics"))));
        }
        return results;
    }

    private static String params(JsonNode params) {
        if (params == null || !params.isObject() || params.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner(",", ":", "");
        Iterator<Map.Entry<String, JsonNode>> fields = params.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            joined.add(field.getKey() + "=" + field.getValue().asText());
        }
        return joined.toString();
    }

    /** JMH 1.37 names the metric {@code gc.alloc.rate.norm}; older versions prefix it with a middle dot. */
    private static OptionalDouble allocation(JsonNode secondary) {
        if (secondary == null) {
            return OptionalDouble.empty();
        }
        for (String key : List.of("·gc.alloc.rate.norm", "gc.alloc.rate.norm")) {
            JsonNode metric = secondary.get(key);
            if (metric != null && metric.path("score").isNumber()) {
                return OptionalDouble.of(metric.get("score").asDouble());
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * A score in any of JMH's time units as nanoseconds per operation: average and sample time
     * ({@code ns/op} … {@code s/op}, {@code min/op}) directly, throughput ({@code ops/ns} …
     * {@code ops/hr}) inverted. Other units (custom counters) have no time per operation.
     */
    static OptionalDouble nanosPerOp(double score, String unit) {
        String[] parts = unit.strip().split("/");
        if (parts.length != 2) {
            return OptionalDouble.empty();
        }
        String top = parts[0].strip().toLowerCase(Locale.ROOT);
        String bottom = parts[1].strip().toLowerCase(Locale.ROOT);
        if (bottom.equals("op")) {
            OptionalDouble per = nanos(top);
            return per.isPresent() ? OptionalDouble.of(score * per.getAsDouble()) : per;
        }
        if (top.equals("ops") && score > 0) {
            OptionalDouble per = nanos(bottom);
            return per.isPresent() ? OptionalDouble.of(per.getAsDouble() / score) : per;
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble nanos(String unit) {
        return switch (unit) {
            case "ns" -> OptionalDouble.of(1);
            case "us", "µs", "μs" -> OptionalDouble.of(1e3);
            case "ms" -> OptionalDouble.of(1e6);
            case "s" -> OptionalDouble.of(1e9);
            case "min" -> OptionalDouble.of(60e9);
            case "hr", "h" -> OptionalDouble.of(3600e9);
            case "day", "d" -> OptionalDouble.of(86400e9);
            default -> OptionalDouble.empty();
        };
    }
}
