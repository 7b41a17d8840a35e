package org.sosops.env.benchmarks.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.sosops.env.core.rules.ValidationReport;

/**
 * A companion to {@link ValidationBenchmark} for a busy machine: the thread's CPU time per
 * validation, which, unlike wall-clock time, does not count the time the thread waits for a core.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.sosops.env.benchmarks.core.ValidationCpuTime}.
 */
public final class ValidationCpuTime {
    private static final int WARMUP_ROUNDS = 5;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 200_000;

    private ValidationCpuTime() {
    }

    public static void main(String[] args) {
        ValidationBenchmark benchmark = new ValidationBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"validateCompleteStagingWithSendGrid", "validateCompleteProdWithPostmark", "validateBrokenStaging"};
        for (int which = 0; which < names.length; which++) {
            double best = Double.MAX_VALUE;
            long sink = 0;
            for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < PER_ROUND; i++) {
                    sink += run(benchmark, which).findings().size();
                }
                double microsPerOp = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / PER_ROUND;
                if (round >= WARMUP_ROUNDS) {
                    best = Math.min(best, microsPerOp);
                }
            }
            System.out.printf("%-40s %6.2f us CPU per validation (best of %d rounds; sink %d)%n", names[which], best,
                    ROUNDS, sink);
        }
    }

    private static ValidationReport run(ValidationBenchmark benchmark, int which) {
        return switch (which) {
            case 0 -> benchmark.validateCompleteStagingWithSendGrid();
            case 1 -> benchmark.validateCompleteProdWithPostmark();
            default -> benchmark.validateBrokenStaging();
        };
    }
}
