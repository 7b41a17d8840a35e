package org.sosops.env.webhooks;

import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The host's processing of one verified webhook. Throwing marks the request failed: it is stored
 * as a failure record (replayable), alerted on by policy, and answered with 500 so the provider
 * retries.
 *
 * <pre>{@code
 * WebhookHandler handler = (request, requestId) -> messages.recordStatus(FormBody.parse(request.body()));
 * }</pre>
 */
@FunctionalInterface
public interface WebhookHandler {
    void handle(WebhookRequest request, String requestId) throws Exception;
}
