package org.sosops.env.spring.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.sosops.env.flags.FlagObserver;
import org.sosops.env.flags.value.Source;

/**
 * {@code sosops.flag.resolutions{source}}: one counter per layer ({@code org}, {@code env},
 * {@code db}, {@code default}) plus {@code unknown} for undeclared flags, registered up front and
 * found by the source's ordinal: the per-call cost is one array read and one counter increment.
 */
public final class FlagResolutionMetrics implements FlagObserver {
    public static final String NAME = "sosops.flag.resolutions";

    private final Counter[] bySource;
    private final Counter unknown;

    public FlagResolutionMetrics(MeterRegistry registry) {
        Source[] sources = Source.values();
        bySource = new Counter[sources.length];
        for (Source source : sources) {
            bySource[source.ordinal()] = counter(registry, source.id());
        }
        unknown = counter(registry, "unknown");
    }

    private static Counter counter(MeterRegistry registry, String source) {
        return Counter.builder(NAME).description("Single-flag resolutions by the layer that answered")
                .tag("source", source).register(registry);
    }

    @Override
    public void resolved(Source source) {
        bySource[source.ordinal()].increment();
    }

    @Override
    public void unknownFlag() {
        unknown.increment();
    }
}
