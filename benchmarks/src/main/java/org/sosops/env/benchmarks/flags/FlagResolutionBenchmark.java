package org.sosops.env.benchmarks.flags;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import java.util.HashMap;
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
import org.sosops.env.flags.BooleanFlag;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.store.FlagStore;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.openfeature.SosOpsFlagProvider;
import org.togglz.core.Feature;
import org.togglz.core.manager.FeatureManager;
import org.togglz.core.manager.FeatureManagerBuilder;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.repository.mem.InMemoryStateRepository;
import org.togglz.core.user.NoOpUserProvider;

/**
 * One boolean flag for one organization from warm caches, the call on every request's path.
 * The flag's value comes from the database layer and the organization has no override of it, so
 * a plain implementation needs all three lookups (org, env, db): that is the floor. Ours is asked
 * by name ({@code FlagResolver.isEnabled(org, key)}) and through a {@code BooleanFlag} handle, the
 * like-for-like peer of Togglz, which is asked with an enum constant: Togglz
 * {@code FeatureManager.isActive} on an in-memory state repository. Also in the same run: the
 * OpenFeature SDK client with its {@code InMemoryProvider} and with our provider.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'flags.FlagResolutionBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * java -jar benchmarks/target/benchmarks.jar \
 *     'flags.FlagResolutionBenchmark.(floorThreeHashLookups|sosopsResolver|sosopsBooleanFlagHandle|togglzIsActive)$' \
 *     -f 1 -wi 5 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlagResolutionBenchmark {
    private static final String FLAG = "new_inbox";
    private static final String ORG = "org_123";
    private static final String ORG_WITH_OVERRIDE = "org_vip";

    /** Togglz needs its features as an enum. */
    public enum Features implements Feature {
        NEW_INBOX
    }

    // The floor: plain maps, the three layers written by hand.
    private Map<String, Map<String, Boolean>> floorOrg;
    private Map<String, Boolean> floorEnv;
    private Map<String, Boolean> floorDb;

    private FlagResolver resolver;
    private BooleanFlag newInbox;
    private FeatureManager togglz;
    private Client openFeatureInMemory;
    private Client openFeatureSosOps;
    private EvaluationContext context;
    // Read through fields so the JIT cannot fold the keys into constants.
    private String flag = FLAG;
    private String org = ORG;
    private String orgWithOverride = ORG_WITH_OVERRIDE;

    @Setup(Level.Trial)
    public void setUp() {
        floorOrg = new HashMap<>();
        floorOrg.put(ORG_WITH_OVERRIDE, new HashMap<>(Map.of(FLAG, true)));
        floorOrg.put("org_other", new HashMap<>(Map.of("bulk_send", true)));
        floorEnv = new HashMap<>(Map.of("bulk_send", false, "dark_mode", true));
        floorDb = new HashMap<>(Map.of(FLAG, true, "reports_v2", false));

        resolver = FlagResolver.builder()
                .environment(AppEnv.STAGING)
                .flag(FLAG, false).flag("bulk_send", false).flag("dark_mode", false).flag("reports_v2", false)
                .overrides(Variables.of(Map.of(
                        "FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"bulk_send\": false, \"dark_mode\": true}",
                        "FEATURE_FLAG_ORG_OVERRIDES_JSON",
                        "{\"" + ORG_WITH_OVERRIDE + "\": {\"" + FLAG + "\": true}, \"org_other\": {\"bulk_send\": true}}")))
                .store(FlagStore.fixed(Map.of(FLAG, FlagValue.of(true), "reports_v2", FlagValue.of(false))))
                .listenForChanges(false)
                .backgroundRefresh(false)
                .build();
        newInbox = resolver.booleanFlag(FLAG);

        InMemoryStateRepository states = new InMemoryStateRepository();
        states.setFeatureState(new FeatureState(Features.NEW_INBOX, true));
        togglz = new FeatureManagerBuilder()
                .featureEnum(Features.class)
                .stateRepository(states)
                .userProvider(new NoOpUserProvider())
                .build();

        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        Map<String, Flag<?>> flags = new HashMap<>();
        flags.put(FLAG, Flag.builder().variant("on", true).variant("off", false).defaultVariant("on").build());
        api.setProviderAndWait("bench-inmemory", new InMemoryProvider(flags));
        api.setProviderAndWait("bench-sosops", new SosOpsFlagProvider(resolver));
        openFeatureInMemory = api.getClient("bench-inmemory");
        openFeatureSosOps = api.getClient("bench-sosops");
        context = new ImmutableContext(ORG);

        check(floorThreeHashLookups() && sosopsResolver() && sosopsResolverOrgOverride() && sosopsBooleanFlagHandle()
                && sosopsBooleanFlagHandleOrgOverride() && togglzIsActive() && openFeatureInMemoryProvider()
                && openFeatureSosOpsProvider());
    }

    private static void check(boolean allOn) {
        if (!allOn) {
            throw new IllegalStateException("every contender must answer true for the benchmarked flag");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        resolver.close();
        OpenFeatureAPI.getInstance().shutdown();
    }

    @Benchmark
    public boolean floorThreeHashLookups() {
        Map<String, Boolean> orgFlags = floorOrg.get(org);
        Boolean value = orgFlags == null ? null : orgFlags.get(flag);
        if (value == null) {
            value = floorEnv.get(flag);
        }
        if (value == null) {
            value = floorDb.get(flag);
        }
        return value != null && value;
    }

    @Benchmark
    public boolean sosopsResolver() {
        return resolver.isEnabled(org, flag);
    }

    @Benchmark
    public boolean sosopsResolverOrgOverride() {
        return resolver.isEnabled(orgWithOverride, flag);
    }

    @Benchmark
    public boolean sosopsBooleanFlagHandle() {
        return newInbox.isEnabled(org);
    }

    @Benchmark
    public boolean sosopsBooleanFlagHandleOrgOverride() {
        return newInbox.isEnabled(orgWithOverride);
    }

    @Benchmark
    public boolean togglzIsActive() {
        return togglz.isActive(Features.NEW_INBOX);
    }

    @Benchmark
    public boolean openFeatureInMemoryProvider() {
        return openFeatureInMemory.getBooleanValue(flag, false, context);
    }

    @Benchmark
    public boolean openFeatureSosOpsProvider() {
        return openFeatureSosOps.getBooleanValue(flag, false, context);
    }
}
