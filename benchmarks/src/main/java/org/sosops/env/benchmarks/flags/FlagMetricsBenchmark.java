package org.sosops.env.benchmarks.flags;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.spring.boot.FlagResolutionMetrics;

/**
 * The cost of {@code sosops.flag.resolutions{source}} on the request path: the same boolean flag
 * resolved by a bare resolver and by one observed by the starter's Micrometer counters, in the same
 * run, for an organization without overrides (answer from the database layer) and one with.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'flags.FlagMetricsBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlagMetricsBenchmark {
    private static final String FLAG = "new_inbox";

    private FlagResolver bare;
    private FlagResolver counted;
    private MeterRegistry registry;
    // Read through fields so the JIT cannot fold the keys into constants.
    private String flag = FLAG;
    private String org = "org_123";
    private String orgWithOverride = "org_vip";

    @Setup(Level.Trial)
    public void setUp() {
        registry = new SimpleMeterRegistry();
        bare = resolver(null);
        counted = resolver(new FlagResolutionMetrics(registry));
        if (!bareResolver() || !countedResolver() || !bareResolverOrgOverride() || !countedResolverOrgOverride()) {
            throw new IllegalStateException("every variant must answer true for the benchmarked flag");
        }
    }

    private FlagResolver resolver(FlagResolutionMetrics metrics) {
        FlagResolver.Builder builder = FlagResolver.builder()
                .environment(AppEnv.STAGING)
                .flag(FLAG, false).flag("bulk_send", false).flag("dark_mode", false).flag("reports_v2", false)
                .overrides(Variables.of(Map.of(
                        "FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"bulk_send\": false, \"dark_mode\": true}",
                        "FEATURE_FLAG_ORG_OVERRIDES_JSON",
                        "{\"org_vip\": {\"" + FLAG + "\": true}, \"org_other\": {\"bulk_send\": true}}")))
                .store(FlagStore.fixed(Map.of(FLAG, FlagValue.of(true), "reports_v2", FlagValue.of(false))))
                .listenForChanges(false)
                .backgroundRefresh(false);
        if (metrics != null) {
            builder.observer(metrics);
        }
        FlagResolver resolver = builder.build();
        resolver.refresh();
        return resolver;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bare.close();
        counted.close();
        registry.close();
    }

    @Benchmark
    public boolean bareResolver() {
        return bare.isEnabled(org, flag);
    }

    @Benchmark
    public boolean countedResolver() {
        return counted.isEnabled(org, flag);
    }

    @Benchmark
    public boolean bareResolverOrgOverride() {
        return bare.isEnabled(orgWithOverride, flag);
    }

    @Benchmark
    public boolean countedResolverOrgOverride() {
        return counted.isEnabled(orgWithOverride, flag);
    }
}
