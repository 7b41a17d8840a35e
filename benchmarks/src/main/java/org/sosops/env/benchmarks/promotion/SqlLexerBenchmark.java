package org.sosops.env.benchmarks.promotion;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sosops.env.promotion.gate.MigrationScanner;
import org.sosops.env.promotion.sql.SqlLexer;
import org.sosops.env.promotion.sql.TokenKind;

/**
 * The migration gate's lexer on one core, over 1 MiB of generated migration SQL. Report MB/s as
 * {@code 1 MiB / (ms/op)}. Peers in the same run: the whole scanner (lexer + statement matching +
 * UTF-8 validation) and the regular-expression grep teams use today (which is also wrong: it
 * flags comments and strings).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SqlLexerBenchmark {
    /** Bytes lexed per operation. */
    public static final int SIZE = 1 << 20;
    private static final Pattern GREP = Pattern.compile(
            "(?i)\\b(drop\\s+table|drop\\s+column|truncate|alter\\s+type|delete\\s+from)\\b");

    private byte[] sql;
    private String text;
    private MigrationScanner scanner;

    @Setup(Level.Trial)
    public void generate() {
        text = MigrationCorpus.sql(new Random(42), SIZE);
        sql = text.getBytes(StandardCharsets.UTF_8);
        scanner = new MigrationScanner();
    }

    @Benchmark
    public int lexer() {
        SqlLexer lexer = new SqlLexer(sql);
        int tokens = 0;
        while (lexer.next() != TokenKind.END) {
            tokens++;
        }
        return tokens;
    }

    @Benchmark
    public void scanner(Blackhole hole) {
        hole.consume(scanner.scan(sql));
    }

    @Benchmark
    public int regexGrep() {
        Matcher m = GREP.matcher(text);
        int found = 0;
        while (m.find()) {
            found++;
        }
        return found;
    }
}
