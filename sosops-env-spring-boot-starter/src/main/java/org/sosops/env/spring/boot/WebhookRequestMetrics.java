package org.sosops.env.spring.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sosops.env.webhooks.WebhookObserver;
import org.sosops.env.webhooks.WebhookResponse;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;
import org.sosops.env.webhooks.verify.SendGridSignatureVerifier;
import org.sosops.env.webhooks.verify.StandardWebhooksVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

/**
 * {@code sosops.webhook.requests{provider, outcome}}: one counter per provider and outcome,
 * registered up front and found by an array index on the request path (no tag objects built per
 * request). Providers come from the guard's configuration, never from the request, so the set
 * stays small; one the starter does not know (a host's own verifier) is registered on first use.
 */
public final class WebhookRequestMetrics implements WebhookObserver {
    public static final String NAME = "sosops.webhook.requests";
    /** The provider tag of requests refused before the guard could tell their provider (413 unread). */
    public static final String UNREAD_PROVIDER = "unknown";

    private static final WebhookResponse.Outcome[] OUTCOMES = WebhookResponse.Outcome.values();

    private final MeterRegistry registry;
    private final Map<String, Counter[]> byProvider = new ConcurrentHashMap<>();

    public WebhookRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String provider : new String[] {TwilioSignatureVerifier.PROVIDER, SendGridSignatureVerifier.PROVIDER,
                PostmarkTokenVerifier.PROVIDER, StandardWebhooksVerifier.PROVIDER, WebhookObserver.NO_PROVIDER}) {
            byProvider.put(provider, register(provider));
        }
    }

    @Override
    public void answered(String provider, WebhookResponse.Outcome outcome) {
        Counter[] counters = byProvider.get(provider);
        if (counters == null) {
            counters = byProvider.computeIfAbsent(provider, this::register);
        }
        counters[outcome.ordinal()].increment();
    }

    private Counter[] register(String provider) {
        Counter[] counters = new Counter[OUTCOMES.length];
        for (WebhookResponse.Outcome outcome : OUTCOMES) {
            counters[outcome.ordinal()] = Counter.builder(NAME)
                    .description("Webhook requests by provider and outcome")
                    .tag("provider", provider)
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        return counters;
    }
}
