package org.sosops.env.testing.recipients;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sosops.env.core.recipients.AuditEvent;
import org.sosops.env.core.recipients.AuditSink;

/**
 * An audit sink that keeps every event in memory, for assertions. Thread-safe.
 *
 * <pre>{@code
 * RecordingAuditSink audit = new RecordingAuditSink();
 * RecipientGuard guard = RecipientGuard.builder(AppEnv.STAGING).auditSink(audit).build();
 * guard.checkSms("+15555550100");
 * assertThat(audit.events()).hasSize(1);
 * }</pre>
 */
public final class RecordingAuditSink implements AuditSink {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    /** A snapshot of the events so far, oldest first. */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public AuditEvent last() {
        if (events.isEmpty()) {
            throw new IllegalStateException("no audit event was recorded");
        }
        return events.get(events.size() - 1);
    }

    public void clear() {
        events.clear();
    }
}
