package org.sosops.env.flags;

import org.sosops.env.flags.value.Source;

/**
 * Told where each single-flag answer of a {@link FlagResolver} came from, for metrics. Called on
 * the request path for every {@code isEnabled} (by name or through a {@link BooleanFlag}), typed
 * getter and {@code resolve} call (not for {@code resolveAll}), so an implementation must be
 * cheap, allocation-free and must not throw.
 *
 * <pre>{@code
 * FlagResolver flags = FlagResolver.builder()
 *         .environment(AppEnv.PROD)
 *         .flag("new_inbox", false)
 *         .observer(source -> counters[source.ordinal()].increment())
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface FlagObserver {
    /** A declared (or inferred) flag was answered from this layer. */
    void resolved(Source source);

    /** The flag is not declared: the caller's fallback was returned. */
    default void unknownFlag() {
    }
}
