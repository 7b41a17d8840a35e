package org.sosops.env.referenceapp.webhooks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.sosops.env.webhooks.WebhookHandler;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's processing of verified webhooks: a real service would update message status
 * or route an inbound reply here. The reference application counts them per endpoint and logs the
 * request id — never the body, which holds phone numbers and message text.
 */
public final class ReceivedWebhooks implements WebhookHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReceivedWebhooks.class);
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void handle(WebhookRequest request, String requestId) {
        counts.computeIfAbsent(request.path(), p -> new LongAdder()).increment();
        LOG.debug("webhook {} handled (request {}, {} bytes)", request.path(), requestId, request.body().length);
    }

    /** How many verified, new deliveries reached the handler at this path. */
    public long count(String path) {
        LongAdder adder = counts.get(path);
        return adder == null ? 0 : adder.sum();
    }
}
