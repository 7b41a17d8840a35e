package org.sosops.env.benchmarks.secrets;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sosops.env.core.hygiene.scan.SourceScanner;

/**
 * Hard-coded secret scan speed on one core: each invocation scans a {@value #MIB} MiB corpus of
 * typical source, so the score in ops/s reads directly as MiB/s. Target: at least 100 MiB/s.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'secrets.SourceScanBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SourceScanBenchmark.MIB)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SourceScanBenchmark {
    static final int MIB = 8;

    private final SourceScanner scanner = SourceScanner.standard();
    private List<TypicalSource.GeneratedFile> corpus;

    @Setup
    public void generate() {
        corpus = TypicalSource.generate(MIB * 1024L * 1024L, 16 * 1024, 42);
    }

    /** The scanner of {@code sosops-env secrets --scan}: literal anchors first, regexes on anchored lines only. */
    @Benchmark
    public void prefilteredScan(Blackhole sink) {
        for (TypicalSource.GeneratedFile file : corpus) {
            sink.consume(scanner.scanText(file.path(), file.content()));
        }
    }

    /** The peer: every regular expression on every line, no pre-filter. */
    @Benchmark
    public void naiveLineByLine(Blackhole sink) {
        for (TypicalSource.GeneratedFile file : corpus) {
            sink.consume(NaiveLineScanner.scan(file.content()));
        }
    }
}
