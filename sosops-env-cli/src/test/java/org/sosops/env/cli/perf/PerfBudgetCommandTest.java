package org.sosops.env.cli.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.cli.CliRun;

/**
 * {@code perf-budget} against the project's own budget ({@code benchmarks/perf-budget.json}) and
 * results files in JMH's {@code -rf json} shape.
 */
class PerfBudgetCommandTest {
    private static final Path SHIPPED_BUDGET = Path.of("..", "benchmarks", "perf-budget.json");
    private static final Path WITHIN = Path.of("src", "test", "resources", "perf", "jmh-within-budget.json");
    private static final Path TWILIO_OVER = Path.of("src", "test", "resources", "perf", "jmh-twilio-over-budget.json");

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String result(String name, double score, String unit) {
        return "{\"benchmark\": \"" + name + "\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": " + score
                + ", \"scoreUnit\": \"" + unit + "\"}, \"secondaryMetrics\": {}}";
    }

    @Test
    void theShippedBudgetPassesAResultsFileThatMeetsEveryTarget() {
        CliRun run = CliRun.run("perf-budget", "--results", WITHIN.toString(), "--budget", SHIPPED_BUDGET.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).endsWith("benchmarks within budget\n").doesNotContain("OVER").doesNotContain("note");
    }

    @Test
    void theShippedBudgetFailsTheTwilioRowOfTheSpeedIssueNamingTheBenchmark() throws IOException {
        CliRun run = CliRun.run("perf-budget", "--results", TWILIO_OVER.toString(), "--budget", SHIPPED_BUDGET.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("OVER  org.sosops.env.benchmarks.webhooks.TwilioVerificationBenchmark.sosopsVerify: 2.55 x "
                        + "TwilioVerificationBenchmark.bareHmacSha1PreparedKey > max 1.30")
                .contains("OVER  org.sosops.env.benchmarks.webhooks.TwilioVerificationBenchmark.sosopsVerify: 0.282 x "
                        + "TwilioVerificationBenchmark.twilioJavaRequestValidator > max 0.200")
                .endsWith("1 of 10 benchmarks over budget: org.sosops.env.benchmarks.webhooks.TwilioVerificationBenchmark.sosopsVerify\n");

        JsonNode json = new ObjectMapper().readTree(CliRun.run("perf-budget", "--results", TWILIO_OVER.toString(),
                "--budget", SHIPPED_BUDGET.toString(), "--format", "json").out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("over")).extracting(JsonNode::asText)
                .containsExactly("org.sosops.env.benchmarks.webhooks.TwilioVerificationBenchmark.sosopsVerify");
    }

    @Test
    void theShippedBudgetHoldsTheBooleanFlagHandleToTheTogglzRatioAndTheStringApiToTheFloor() throws IOException {
        JsonNode json = new ObjectMapper().readTree(CliRun.run("perf-budget", "--results", WITHIN.toString(),
                "--budget", SHIPPED_BUDGET.toString(), "--format", "json").out());
        java.util.function.Function<String, List<String>> metricsOf = method -> {
            List<String> metrics = new java.util.ArrayList<>();
            json.get("checks").forEach(check -> {
                if (check.get("benchmark").asText().endsWith("FlagResolutionBenchmark." + method)) {
                    metrics.add(check.get("metric").asText());
                }
            });
            return metrics;
        };
        assertThat(metricsOf.apply("sosopsBooleanFlagHandle"))
                .containsExactly("B/op", "x FlagResolutionBenchmark.togglzIsActive");
        assertThat(metricsOf.apply("sosopsResolver")).containsExactly("B/op",
                "x FlagResolutionBenchmark.floorThreeHashLookups", "x FlagResolutionBenchmark.openFeatureInMemoryProvider");
    }

    @Test
    void everyBenchmarkOverBudgetIsNamedAndAbsoluteLimitsUseConvertedUnits() throws IOException {
        Path results = file("r.json", "[" + String.join(",",
                result("a.Fast", 0.15, "us/op"),          // 150 ns
                result("a.Slow", 0.25, "us/op"),          // 250 ns
                result("a.Thrpt", 2_000_000, "ops/s"),    // 500 ns
                result("a.Millis", 0.0001, "ms/op")) + "]"); // 100 ns
        Path budget = file("b.json", "{\"^a\\\\.\": {\"max_ns_per_op\": 200}}");

        CliRun run = CliRun.run("perf-budget", "--results", results.toString(), "--budget", budget.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("ok    a.Fast: 150 ns/op <= max 200").contains("OVER  a.Slow: 250 ns/op > max 200")
                .contains("OVER  a.Thrpt: 500 ns/op > max 200").contains("ok    a.Millis: 100 ns/op <= max 200")
                .endsWith("2 of 4 benchmarks over budget: a.Slow, a.Thrpt\n");
    }

    @Test
    void scoreUnitsConvertToNanosecondsPerOperation() {
        assertThat(JmhResult.nanosPerOp(3, "ns/op").getAsDouble()).isEqualTo(3);
        assertThat(JmhResult.nanosPerOp(3, "us/op").getAsDouble()).isEqualTo(3_000);
        assertThat(JmhResult.nanosPerOp(3, "µs/op").getAsDouble()).isEqualTo(3_000);
        assertThat(JmhResult.nanosPerOp(3, "ms/op").getAsDouble()).isEqualTo(3_000_000);
        assertThat(JmhResult.nanosPerOp(3, "s/op").getAsDouble()).isEqualTo(3e9);
        assertThat(JmhResult.nanosPerOp(4, "ops/ns").getAsDouble()).isEqualTo(0.25);
        assertThat(JmhResult.nanosPerOp(4, "ops/us").getAsDouble()).isEqualTo(250);
        assertThat(JmhResult.nanosPerOp(4, "ops/ms").getAsDouble()).isEqualTo(250_000);
        assertThat(JmhResult.nanosPerOp(4, "ops/s").getAsDouble()).isEqualTo(2.5e8);
        assertThat(JmhResult.nanosPerOp(60, "ops/min").getAsDouble()).isCloseTo(1e9, within(1e-3));
        assertThat(JmhResult.nanosPerOp(4, "MiB/s")).isEmpty();
        assertThat(JmhResult.nanosPerOp(0, "ops/s")).isEmpty();
    }

    @Test
    void allocationNeedsTheGcProfilerAndAMissingPeerFailsRatherThanPasses() throws IOException {
        Path results = file("r.json", "[" + result("x.Ours", 10, "ns/op") + "]");
        Path bytes = file("bytes.json", "{\"Ours\": {\"max_bytes_per_op\": 0}}");
        CliRun noProfile = CliRun.run("perf-budget", "--results", results.toString(), "--budget", bytes.toString());
        assertThat(noProfile.code()).isEqualTo(1);
        assertThat(noProfile.out()).contains("cannot judge B/op: no gc.alloc.rate.norm in the results (run JMH with -prof gc)");

        Path ratio = file("ratio.json", "{\"Ours\": {\"max_ratio_to\": \"x.Peer\", \"max_ratio\": 2}}");
        CliRun noPeer = CliRun.run("perf-budget", "--results", results.toString(), "--budget", ratio.toString());
        assertThat(noPeer.code()).isEqualTo(1);
        assertThat(noPeer.out()).contains("peer benchmark x.Peer is not in the results");

        Path allocating = file("alloc.json", "[{\"benchmark\": \"x.Ours\", \"primaryMetric\": {\"score\": 10, \"scoreUnit\": \"ns/op\"},"
                + " \"secondaryMetrics\": {\"·gc.alloc.rate.norm\": {\"score\": 24.0, \"scoreUnit\": \"B/op\"}}}]");
        CliRun allocates = CliRun.run("perf-budget", "--results", allocating.toString(), "--budget", bytes.toString());
        assertThat(allocates.code()).isEqualTo(1);
        assertThat(allocates.out()).contains("OVER  x.Ours: 24 B/op > max 0");
    }

    @Test
    void aBudgetEntryThatMatchesNothingIsNotedNotFailed() throws IOException {
        Path results = file("r.json", "[" + result("x.Ours", 10, "ns/op") + "]");
        Path budget = file("b.json", "{\"Ours\": {\"max_ns_per_op\": 20}, \"Missing\": {\"max_ns_per_op\": 1}}");
        CliRun run = CliRun.run("perf-budget", "--results", results.toString(), "--budget", budget.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("note  budget \"Missing\" matched no benchmark in the results");
    }

    @Test
    void unreadableInputExitsTwoWithOneLineNamingTheFile() throws IOException {
        Path results = file("r.json", "[" + result("x.Ours", 10, "ns/op") + "]");
        Path good = file("good.json", "{\"Ours\": {\"max_ns_per_op\": 20}}");
        for (List<String> args : List.of(
                List.of("--results", dir.resolve("none.json").toString(), "--budget", good.toString()),
                List.of("--results", file("bad.json", "[{").toString(), "--budget", good.toString()),
                List.of("--results", file("obj.json", "{}").toString(), "--budget", good.toString()),
                List.of("--results", file("shape.json", "[{\"benchmark\": \"x\"}]").toString(), "--budget", good.toString()),
                List.of("--results", results.toString(), "--budget", file("regex.json", "{\"(\": {\"max_ns_per_op\": 1}}").toString()),
                List.of("--results", results.toString(), "--budget", file("key.json", "{\"x\": {\"max_ms\": 1}}").toString()),
                List.of("--results", results.toString(), "--budget", file("neg.json", "{\"x\": {\"max_ns_per_op\": -1}}").toString()),
                List.of("--results", results.toString(), "--budget", file("half.json", "{\"x\": {\"max_ratio\": 2}}").toString()),
                List.of("--results", results.toString()))) {
            List<String> all = new java.util.ArrayList<>(List.of("perf-budget"));
            all.addAll(args);
            CliRun run = CliRun.run(all.toArray(String[]::new));
            assertThat(run.code()).as(String.join(" ", args) + " -> " + run.err()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(3);
        }
    }
}
