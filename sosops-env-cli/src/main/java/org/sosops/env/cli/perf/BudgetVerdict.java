package org.sosops.env.cli.perf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Every limit of a budget applied to every matching benchmark of one results file.
 *
 * @param checks    one line per (benchmark, limit) pair, in budget order
 * @param unmatched budget expressions that matched no benchmark (listed, not failed: CI may run a subset)
 */
public record BudgetVerdict(List<Check> checks, List<String> unmatched) {
    public BudgetVerdict {
        checks = List.copyOf(checks);
        unmatched = List.copyOf(unmatched);
    }

    /**
     * One limit applied to one benchmark.
     *
     * @param benchmark the benchmark's name
     * @param budget    the budget expression that matched it
     * @param metric    {@code ns/op}, {@code B/op} or {@code ratio to PEER}
     * @param value     the measured value; empty when it cannot be judged
     * @param limit     the largest value allowed
     * @param problem   why it cannot be judged (no time unit, no GC profile, peer missing)
     */
    public record Check(String benchmark, String budget, String metric, OptionalDouble value, double limit,
                        Optional<String> problem) {
        public Check {
            Objects.requireNonNull(benchmark);
            Objects.requireNonNull(budget);
            Objects.requireNonNull(metric);
            Objects.requireNonNull(value);
            Objects.requireNonNull(problem);
        }

        /** Within the limit; a check that cannot be judged is not. */
        public boolean ok() {
            return value.isPresent() && value.getAsDouble() <= limit;
        }

        public String toText() {
            String head = (ok() ? "ok    " : "OVER  ") + benchmark + ": ";
            if (problem.isPresent()) {
                return head + "cannot judge " + metric + ": " + problem.get() + " (budget \"" + budget + "\")";
            }
            return head + format(value.getAsDouble()) + " " + metric + (ok() ? " <= " : " > ") + "max "
                    + format(limit) + " (budget \"" + budget + "\")";
        }
    }

    public static BudgetVerdict judge(PerfBudget budget, List<JmhResult> results) {
        List<Check> checks = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (PerfBudget.Limit limit : budget.limits()) {
            boolean matched = false;
            for (JmhResult result : results) {
                if (!limit.pattern().matcher(result.name()).find()) {
                    continue;
                }
                matched = true;
                if (limit.maxNsPerOp().isPresent()) {
                    checks.add(new Check(result.name(), limit.key(), "ns/op", result.nsPerOp(), limit.maxNsPerOp().getAsDouble(),
                            result.nsPerOp().isPresent() ? Optional.empty()
                                    : Optional.of("score unit " + result.scoreUnit() + " is no time per operation")));
                }
                if (limit.maxBytes().isPresent()) {
                    checks.add(new Check(result.name(), limit.key(), "B/op", result.bytesPerOp(), limit.maxBytes().getAsDouble(),
                            result.bytesPerOp().isPresent() ? Optional.empty()
                                    : Optional.of("no gc.alloc.rate.norm in the results (run JMH with -prof gc)")));
                }
                if (limit.ratioTo().isPresent()) {
                    checks.add(ratio(result, limit, results));
                }
            }
            if (!matched && !unmatched.contains(limit.key())) {
                unmatched.add(limit.key());
            }
        }
        return new BudgetVerdict(checks, unmatched);
    }

    private static Check ratio(JmhResult result, PerfBudget.Limit limit, List<JmhResult> results) {
        String peerName = limit.ratioTo().get();
        String metric = "x " + peerName;
        double max = limit.maxRatio().getAsDouble();
        List<JmhResult> peers = results.stream()
                .filter(r -> r.name().equals(peerName) || r.name().endsWith("." + peerName)).toList();
        if (peers.size() != 1) {
            return new Check(result.name(), limit.key(), metric, OptionalDouble.empty(), max, Optional.of(peers.isEmpty()
                    ? "peer benchmark " + peerName + " is not in the results" : "peer name " + peerName + " matches "
                    + peers.size() + " benchmarks; give its full name"));
        }
        JmhResult peer = peers.get(0);
        if (result.nsPerOp().isEmpty() || peer.nsPerOp().isEmpty() || peer.nsPerOp().getAsDouble() <= 0) {
            return new Check(result.name(), limit.key(), metric, OptionalDouble.empty(), max,
                    Optional.of("both scores need a time unit (" + result.scoreUnit() + ", " + peer.scoreUnit() + ")"));
        }
        return new Check(result.name(), limit.key(), metric,
                OptionalDouble.of(result.nsPerOp().getAsDouble() / peer.nsPerOp().getAsDouble()), max, Optional.empty());
    }

    public boolean ok() {
        return checks.stream().allMatch(Check::ok);
    }

    /** Every benchmark with at least one limit it breaks, in order, once each. */
    public List<String> over() {
        Set<String> over = new LinkedHashSet<>();
        checks.stream().filter(c -> !c.ok()).forEach(c -> over.add(c.benchmark()));
        return List.copyOf(over);
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        checks.forEach(c -> text.append(c.toText()).append('\n'));
        unmatched.forEach(u -> text.append("note  budget \"").append(u).append("\" matched no benchmark in the results\n"));
        long benchmarks = checks.stream().map(Check::benchmark).distinct().count();
        List<String> over = over();
        if (over.isEmpty()) {
            text.append("OK: ").append(benchmarks).append(benchmarks == 1 ? " benchmark" : " benchmarks").append(" within budget");
        } else {
            text.append(over.size()).append(" of ").append(benchmarks).append(" benchmarks over budget: ")
                    .append(String.join(", ", over));
        }
        return text.toString();
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.1f", value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
