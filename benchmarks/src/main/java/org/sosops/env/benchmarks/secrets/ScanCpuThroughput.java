package org.sosops.env.benchmarks.secrets;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.sosops.env.core.hygiene.scan.SourceScanner;

/**
 * Companion of {@link SourceScanBenchmark} for a shared machine: the same corpus and scanner, timed
 * by the scanning thread's own CPU time rather than the wall clock, so other processes competing
 * for the cores do not count against it. Prints the median and best of 15 rounds after 5 warm-up
 * rounds, for the scanner and the line-by-line peer.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.sosops.env.benchmarks.secrets.ScanCpuThroughput
 * </pre>
 */
public final class ScanCpuThroughput {
    private ScanCpuThroughput() {
    }

    public static void main(String[] args) {
        int mib = SourceScanBenchmark.MIB;
        List<TypicalSource.GeneratedFile> corpus = TypicalSource.generate(mib * 1024L * 1024L, 16 * 1024, 42);
        SourceScanner scanner = SourceScanner.standard();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] scan = new double[15];
        double[] naive = new double[15];
        long sink = 0;
        for (int round = -5; round < scan.length; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (TypicalSource.GeneratedFile file : corpus) {
                sink += scanner.scanText(file.path(), file.content()).size();
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (TypicalSource.GeneratedFile file : corpus) {
                sink += NaiveLineScanner.scan(file.content());
            }
            long end = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                scan[round] = mib / ((middle - start) / 1e9);
                naive[round] = mib / ((end - middle) / 1e9);
            }
        }
        Arrays.sort(scan);
        Arrays.sort(naive);
        System.out.printf("prefiltered scan: median %.0f MiB/s, best %.0f MiB/s of CPU time%n", scan[7], scan[14]);
        System.out.printf("line-by-line peer: median %.1f MiB/s, best %.1f MiB/s of CPU time%n", naive[7], naive[14]);
        System.out.printf("ratio (median): %.0fx  (checksum %d)%n", scan[7] / naive[7], sink);
    }
}
