package org.sosops.env.referenceapp.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookHandler;
import org.sosops.env.webhooks.failures.ReplayResult;

/**
 * {@code POST /internal/webhooks/replay} — the replay target of {@code sosops-env webhooks failures
 * replay} (behind an admin staff token). It takes only the record's id ({@code X-Sosops-Replay-Of})
 * and replays the record <em>from the application's own store</em> through
 * {@link WebhookGuard#replay(String, WebhookHandler, boolean)}, which re-verifies its stored
 * signature against the application's current secret: the posted body is never processed, so even
 * a caller holding the token can only replay stored requests that verify.
 *
 * <p>Answers {@code 200 {"replayed": true}}, {@code 409} with the reason when the record is not
 * replayed (refused without {@code X-Sosops-Replay-Include-Refused: true}, does not verify now,
 * truncated, already replayed), {@code 404} for an unknown id, {@code 500} when processing fails again.
 */
public final class ReplayEndpoint implements Endpoint {
    public static final String PATH = "/internal/webhooks/replay";
    private static final Logger LOG = LoggerFactory.getLogger(ReplayEndpoint.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final WebhookGuard guard;
    private final WebhookHandler handler;

    public ReplayEndpoint(WebhookGuard guard, WebhookHandler handler) {
        this.guard = guard;
        this.handler = handler;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        String id = exchange.header("X-Sosops-Replay-Of").map(String::strip).orElse("");
        if (!ID.matcher(id).matches()) {
            exchange.error(400, "bad_request", "X-Sosops-Replay-Of must name a stored failure id");
            return;
        }
        boolean includeRefused = exchange.header("X-Sosops-Replay-Include-Refused").map(String::strip)
                .filter("true"::equalsIgnoreCase).isPresent();
        ReplayResult result;
        try {
            result = guard.replay(id, handler, includeRefused);
        } catch (Exception e) {
            LOG.error("replay of webhook failure {} failed in processing again: {}", id, e.getClass().getName());
            exchange.error(500, "processing_failed", "the replayed request failed in processing again");
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        if (result instanceof ReplayResult.Replayed replayed) {
            LOG.info("webhook failure {} replayed (request {})", id, replayed.record().requestId());
            answer.put("replayed", true);
            exchange.json(200, answer);
        } else if (result instanceof ReplayResult.Skipped skipped) {
            LOG.warn("webhook failure {} not replayed: {}", id, skipped.reason());
            answer.put("replayed", false);
            answer.put("reason", skipped.reason());
            exchange.json(409, answer);
        } else {
            exchange.error(404, "not_found", "no stored webhook failure with this id");
        }
    }
}
