package org.sosops.env.benchmarks.recipients;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.Allowlist;
import org.sosops.env.core.recipients.AuditSink;
import org.sosops.env.core.recipients.GuardDecision;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.recipients.RecipientNormalizer;

/**
 * One guard decision against an allowlist of 10,000 numbers and 10,000 addresses: a recipient
 * already in E.164 (or a lower-case address) is a hash lookup; a free-form number pays for
 * libphonenumber. Peers in the same run: a bare {@code HashSet.contains} (the floor) and a bare
 * libphonenumber parse-and-format (the cost the fast path avoids).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.log.org.sosops.env.audit=off")
public class RecipientGuardBenchmark {
    private static final int ENTRIES = 10_000;

    private RecipientGuard devGuard;
    private RecipientGuard stagingGuard;
    private RecipientNormalizer normalizer;
    private Set<String> plainSet;

    // Non-final fields, so the JIT cannot fold the inputs into constants.
    private String e164 = "+14155554321";
    private String freeForm = "(415) 555-4321";
    private String address = "staffer4321@example.org";
    private String unknownE164 = "+14165559999";

    @Setup
    public void setUp() {
        normalizer = RecipientNormalizer.forRegion("US");
        Allowlist.Builder builder = Allowlist.builder(normalizer);
        plainSet = new HashSet<>();
        for (int i = 0; i < ENTRIES; i++) {
            String number = String.format(Locale.ROOT, "+1415555%04d", i);
            builder.add(number).add(String.format(Locale.ROOT, "staffer%04d@example.org", i));
            plainSet.add(number);
        }
        Allowlist allowlist = builder.build();
        devGuard = RecipientGuard.builder(AppEnv.DEV).normalizer(normalizer).allowlist(allowlist).auditing(false).build();
        stagingGuard = RecipientGuard.builder(AppEnv.STAGING).normalizer(normalizer).allowlist(allowlist)
                .auditSink(AuditSink.none()).build();
        if (!devGuard.checkSms(e164).allowed() || !devGuard.checkSms(freeForm).allowed()
                || !devGuard.checkEmail(address).allowed() || devGuard.checkSms(unknownE164).allowed()) {
            throw new IllegalStateException("benchmark allowlist is not what the benchmark assumes");
        }
    }

    @Benchmark
    public GuardDecision e164Number() {
        return devGuard.checkSms(e164);
    }

    @Benchmark
    public GuardDecision lowerCaseAddress() {
        return devGuard.checkEmail(address);
    }

    @Benchmark
    public GuardDecision freeFormNumber() {
        return devGuard.checkSms(freeForm);
    }

    @Benchmark
    public GuardDecision e164NumberAuditedInStaging() {
        return stagingGuard.checkSms(e164);
    }

    @Benchmark
    public GuardDecision e164NumberRefused() {
        return devGuard.checkSms(unknownE164);
    }

    @Benchmark
    public boolean peerHashSetContains() {
        return plainSet.contains(e164);
    }

    @Benchmark
    public Object peerLibphonenumberParse() {
        return normalizer.phone(freeForm);
    }
}
