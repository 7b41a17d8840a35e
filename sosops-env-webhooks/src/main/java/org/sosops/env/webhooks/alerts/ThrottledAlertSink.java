package org.sosops.env.webhooks.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** One alert per kind per window, at most N per window overall; held-back alerts are counted. */
final class ThrottledAlertSink implements AlertSink {
    private final AlertSink target;
    private final Duration window;
    private final int maxPerWindow;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Map<String, Integer> heldBack = new HashMap<>();
    private final Deque<Instant> sent = new ArrayDeque<>();

    ThrottledAlertSink(AlertSink target, Duration window, int maxPerWindow, Clock clock) {
        this.target = target;
        this.window = window;
        this.maxPerWindow = maxPerWindow;
        this.clock = clock;
    }

    @Override
    public void alert(WebhookAlert alert) {
        WebhookAlert toSend;
        synchronized (this) {
            Instant now = clock.instant();
            while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(window))) {
                sent.pollFirst();
            }
            String key = alert.dedupKey();
            Instant last = lastSent.get(key);
            boolean duplicate = last != null && last.isAfter(now.minus(window));
            if (duplicate || sent.size() >= maxPerWindow) {
                heldBack.merge(key, 1, Integer::sum);
                return;
            }
            if (lastSent.size() > 10_000) {
                lastSent.values().removeIf(t -> !t.isAfter(now.minus(window)));
            }
            lastSent.put(key, now);
            sent.addLast(now);
            Integer held = heldBack.remove(key);
            toSend = alert.withSuppressed(held == null ? 0 : held);
        }
        try {
            target.alert(toSend);
        } catch (RuntimeException e) {
            // An alert channel failing must never fail the webhook request.
        }
    }
}
