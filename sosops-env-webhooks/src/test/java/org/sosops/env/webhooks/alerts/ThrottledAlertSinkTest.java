package org.sosops.env.webhooks.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.MutableClock;

/** One alert per kind per window, at most N per window, and the held-back count on the next one sent. */
class ThrottledAlertSinkTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private final MutableClock clock = MutableClock.at(1_800_000_000L);
    private final List<WebhookAlert> delivered = new ArrayList<>();

    private static WebhookAlert alert(String endpoint, String reason, String requestId) {
        return new WebhookAlert("prod", endpoint, "twilio", reason, requestId, Instant.ofEpochSecond(1_800_000_000L), 0);
    }

    @Test
    void aRepeatWithinTheWindowIsHeldBackAndCountedOnTheNextOneSent() {
        AlertSink sink = AlertSink.throttled(delivered::add, WINDOW, 20, clock);

        sink.alert(alert("/a", "signature-mismatch", "r1"));
        clock.advance(Duration.ofSeconds(10));
        sink.alert(alert("/a", "signature-mismatch", "r2"));
        sink.alert(alert("/a", "signature-mismatch", "r3"));
        clock.advance(WINDOW.minusSeconds(10).minusMillis(1));   // one millisecond before the window ends
        sink.alert(alert("/a", "signature-mismatch", "r4"));
        assertThat(delivered).extracting(WebhookAlert::requestId).containsExactly("r1");

        clock.advance(Duration.ofMillis(1));                      // the window since r1 is over
        sink.alert(alert("/a", "signature-mismatch", "r5"));

        assertThat(delivered).extracting(WebhookAlert::requestId).containsExactly("r1", "r5");
        assertThat(delivered).extracting(WebhookAlert::suppressed).containsExactly(0, 3);
    }

    @Test
    void theHeldBackCountStartsAgainAfterItWasReported() {
        AlertSink sink = AlertSink.throttled(delivered::add, WINDOW, 20, clock);
        sink.alert(alert("/a", "token-mismatch", "r1"));
        sink.alert(alert("/a", "token-mismatch", "r2"));
        clock.advance(WINDOW);
        sink.alert(alert("/a", "token-mismatch", "r3"));
        clock.advance(WINDOW);
        sink.alert(alert("/a", "token-mismatch", "r4"));

        assertThat(delivered).extracting(WebhookAlert::suppressed).containsExactly(0, 1, 0);
    }

    @Test
    void alertsOfOtherKindsAreNotDuplicatesButShareTheCapPerWindow() {
        AlertSink sink = AlertSink.throttled(delivered::add, WINDOW, 2, clock);

        sink.alert(alert("/a", "signature-mismatch", "r1"));
        sink.alert(alert("/b", "signature-mismatch", "r2"));
        sink.alert(alert("/c", "signature-mismatch", "r3"));      // third in the window: over the cap
        assertThat(delivered).extracting(WebhookAlert::requestId).containsExactly("r1", "r2");

        clock.advance(WINDOW.minusMillis(1));
        sink.alert(alert("/d", "signature-mismatch", "r4"));      // the first two still count
        clock.advance(Duration.ofMillis(1));
        sink.alert(alert("/c", "signature-mismatch", "r5"));      // both have left the window

        assertThat(delivered).extracting(WebhookAlert::requestId).containsExactly("r1", "r2", "r5");
        assertThat(delivered.get(2).suppressed()).isEqualTo(1);
    }

    @Test
    void recentKindsStayDuplicatesWhenManyKindsAreTracked() {
        AlertSink sink = AlertSink.throttled(delivered::add, WINDOW, 20_000, clock);
        for (int i = 0; i <= 10_001; i++) {
            sink.alert(alert("/endpoint/" + i, "signature-mismatch", "r" + i));
        }
        clock.advance(Duration.ofSeconds(1));
        sink.alert(alert("/endpoint/0", "signature-mismatch", "again"));

        assertThat(delivered).hasSize(10_002);
        assertThat(delivered).extracting(WebhookAlert::requestId).doesNotContain("again");
    }

    @Test
    void aFailingChannelNeverReachesTheCaller() {
        AlertSink sink = AlertSink.throttled(alert -> {
            throw new IllegalStateException("chat service down");
        }, WINDOW, 20, clock);

        assertThatCode(() -> sink.alert(alert("/a", "signature-mismatch", "r1"))).doesNotThrowAnyException();
    }

    @Test
    void theDedupKeyIsEndpointProviderAndReasonAndSuppressedIsReplaced() {
        WebhookAlert alert = alert("/a", "signature-mismatch", "r1");

        assertThat(alert.dedupKey()).isEqualTo("/a|twilio|signature-mismatch");
        assertThat(alert.withSuppressed(7)).isEqualTo(
                new WebhookAlert("prod", "/a", "twilio", "signature-mismatch", "r1", alert.at(), 7));
    }
}
