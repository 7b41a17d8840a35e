package org.sosops.env.webhooks.alerts;

/**
 * Where webhook failure alerts go (on by policy in staging and prod). Implementations must not
 * throw into the request path and must not block it for long.
 *
 * <pre>{@code
 * AlertSink sink = AlertSink.throttled(new HttpAlertSink(URI.create(alertUrl)), Duration.ofMinutes(5), 20, clock);
 * }</pre>
 */
@FunctionalInterface
public interface AlertSink {

    void alert(WebhookAlert alert);

    /** Logs alerts at ERROR through SLF4J. */
    static AlertSink slf4j() {
        return new Slf4jAlertSink();
    }

    /** Drops every alert: environments whose policy has no alerts (local, dev). */
    static AlertSink none() {
        return alert -> { };
    }

    /**
     * Deduplicates and rate-limits another sink: one alert per kind per window, at most
     * {@code maxPerWindow} alerts in any window; the next alert sent reports how many were held back.
     */
    static AlertSink throttled(AlertSink target, java.time.Duration window, int maxPerWindow, java.time.Clock clock) {
        return new ThrottledAlertSink(target, window, maxPerWindow, clock);
    }
}
