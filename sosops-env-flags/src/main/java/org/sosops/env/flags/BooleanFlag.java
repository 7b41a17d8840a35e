package org.sosops.env.flags;

/**
 * A declared boolean flag of one {@link FlagResolver}, the fastest way to ask for it: one hash
 * lookup for the organization and an array read, no allocation. Get it once, at start-up, and
 * keep it; a name that is not declared (a typo) then fails there instead of answering
 * {@code false} on every request.
 *
 * <pre>{@code
 * BooleanFlag newInbox = flags.booleanFlag("new_inbox");   // FlagConfigurationException if not declared boolean
 *
 * if (newInbox.isEnabled(organizationId)) { ... }           // = flags.isEnabled(organizationId, "new_inbox")
 * }</pre>
 *
 * <p>It answers from the resolver's current values, so database changes are seen as by the
 * string API, and tells the resolver's {@link FlagObserver} the source of every answer.
 * Thread-safe.
 */
public final class BooleanFlag {
    private final FlagResolver resolver;
    private final String key;
    private final int index;

    BooleanFlag(FlagResolver resolver, String key, int index) {
        this.resolver = resolver;
        this.key = key;
        this.index = index;
    }

    /**
     * The flag for an organization: its override, else the environment-level answer (also for an
     * unknown or {@code null} organization).
     */
    public boolean isEnabled(String organizationId) {
        return resolver.booleanAt(organizationId, index);
    }

    /** The environment-level answer (no organization). */
    public boolean isEnabled() {
        return resolver.booleanAt(null, index);
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "BooleanFlag[" + key + "]";
    }
}
