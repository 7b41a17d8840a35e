package org.sosops.env.webhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sosops.env.webhooks.alerts.AlertSink;
import org.sosops.env.webhooks.alerts.WebhookAlert;

/** Collects alerts for assertions. */
final class RecordingAlerts implements AlertSink {
    final List<WebhookAlert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public void alert(WebhookAlert alert) {
        alerts.add(alert);
    }
}
