package org.sosops.env.drill;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** What a load run saw: answers by status, latencies, request ids of the answers that mattered. */
record LoadResult(long requests, double seconds, Map<Integer, Long> byStatus, long[] latenciesNanos,
                  Map<String, Long> transportCauses, long retryAfterMissing) {

    static LoadResult of(long requests, double seconds, Map<Integer, Long> byStatus, long[] latencies,
                         Map<String, Long> transportCauses, long retryAfterMissing) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new LoadResult(requests, seconds, new TreeMap<>(byStatus), sorted, new TreeMap<>(transportCauses),
                retryAfterMissing);
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

    long transportErrors() {
        return transportCauses.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Transport errors whose cause the client could not name: any one fails the run. */
    long unexplainedTransportErrors() {
        return TransportErrors.unexplained(transportCauses);
    }

    /**
     * The pass rule for transport errors under full-speed load: none unexplained, and the named ones
     * at most one in 10,000 requests (each printed with its cause).
     */
    boolean transportErrorsAcceptable() {
        return unexplainedTransportErrors() == 0 && transportErrors() * 10_000 <= requests;
    }

    long count(int status) {
        return byStatus.getOrDefault(status, 0L);
    }

    long serverErrors() {
        return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    }

    String summary() {
        return String.format("%d requests in %.1f s = %.0f req/s; p50 %.2f ms, p99 %.2f ms, max %.2f ms; statuses %s;"
                        + " 5xx %d; transport errors %d %s",
                requests, seconds, throughput(), percentileMillis(50), percentileMillis(99), percentileMillis(100),
                byStatus, serverErrors(), transportErrors(), transportCauses);
    }
}
