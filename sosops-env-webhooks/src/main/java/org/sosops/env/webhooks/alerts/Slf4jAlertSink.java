package org.sosops.env.webhooks.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alerts as ERROR log lines on the logger {@code org.sosops.env.webhooks.alerts}. */
final class Slf4jAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger("org.sosops.env.webhooks.alerts");

    @Override
    public void alert(WebhookAlert alert) {
        LOG.error("webhook alert [{}] {} {} refused or failed: {} (request {}{})", alert.environment(), alert.provider(),
                alert.endpoint(), alert.reason(), alert.requestId(),
                alert.suppressed() > 0 ? ", " + alert.suppressed() + " similar held back" : "");
    }
}
