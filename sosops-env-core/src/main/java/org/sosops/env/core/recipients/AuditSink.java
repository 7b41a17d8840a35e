package org.sosops.env.core.recipients;

/**
 * Receives every guard decision, in addition to the SLF4J audit logger
 * {@value RecipientGuard#AUDIT_LOGGER}. Called on the sending thread: implementations must be
 * thread-safe and quick (hand off to a queue for slow storage). Where audit is always on (staging,
 * prod) a sink that throws turns the decision into a refusal: no send goes unaudited there.
 *
 * <pre>{@code
 * RecipientGuard guard = RecipientGuard.builder(policy).auditSink(event -> auditTable.insert(event)).build();
 * }</pre>
 */
@FunctionalInterface
public interface AuditSink {
    void record(AuditEvent event);

    /** A sink that keeps nothing (the SLF4J audit log still receives every decision). */
    static AuditSink none() {
        return event -> { };
    }
}
