package org.sosops.env.testing.webhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sosops.env.webhooks.alerts.AlertSink;
import org.sosops.env.webhooks.alerts.WebhookAlert;

/**
 * An {@link AlertSink} that keeps every alert for assertions.
 *
 * <pre>{@code
 * RecordingAlertSink alerts = new RecordingAlertSink();
 * WebhookGuard guard = WebhookGuard.builder().alertSink(alerts)...build();
 * assertThat(alerts.reasons()).containsExactly("signature-mismatch");
 * }</pre>
 */
public final class RecordingAlertSink implements AlertSink {
    private final List<WebhookAlert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void alert(WebhookAlert alert) {
        alerts.add(alert);
    }

    public List<WebhookAlert> alerts() {
        return List.copyOf(alerts);
    }

    public List<String> reasons() {
        return alerts.stream().map(WebhookAlert::reason).toList();
    }

    public void clear() {
        alerts.clear();
    }
}
