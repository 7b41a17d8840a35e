package org.sosops.env.core.recipients;

/**
 * Where the guard reads an allowlist from. Implementations must be thread-safe and cheap to ask:
 * the guard asks on every decision, so a slow source caches (as {@link JdbcAllowlistSource} does).
 *
 * <pre>{@code
 * AllowlistSource fromVariable = AllowlistSources.variable(policy.variables(), normalizer);
 * AllowlistSource fromFile = AllowlistSources.file(Path.of("allowlist.txt"), normalizer);
 * }</pre>
 */
public interface AllowlistSource {
    /**
     * The allowlist as of now.
     *
     * @throws AllowlistUnavailableException when the source cannot answer; the guard then refuses
     */
    Allowlist current() throws AllowlistUnavailableException;

    /** A short name for refusal reasons and audit records, e.g. {@code file allowlist.txt}. */
    String description();
}
