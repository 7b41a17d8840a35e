package org.sosops.env.drill;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** What a load run saw: answers by status, latencies, request ids of the answers that mattered. */
record LoadResult(long requests, double seconds, Map<Integer, Long> byStatus, long[] latenciesNanos,
                  long transportErrors, long retryAfterMissing) {

    static LoadResult of(long requests, double seconds, Map<Integer, Long> byStatus, long[] latencies,
                         long transportErrors, long retryAfterMissing) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new LoadResult(requests, seconds, new TreeMap<>(byStatus), sorted, transportErrors, retryAfterMissing);
    }

    double throughput() {
        return requests / seconds;
    }

    double percentileMillis(double p) {
        if (latenciesNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
        return latenciesNanos[Math.max(0, index)] / 1e6;
    }

    long count(int status) {
        return byStatus.getOrDefault(status, 0L);
    }

    long serverErrors() {
        return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    }

    String summary() {
        return String.format("%d requests in %.1f s = %.0f req/s; p50 %.2f ms, p99 %.2f ms, max %.2f ms; statuses %s;"
                        + " 5xx %d; transport errors %d",
                requests, seconds, throughput(), percentileMillis(50), percentileMillis(99), percentileMillis(100),
                byStatus, serverErrors(), transportErrors);
    }
}
