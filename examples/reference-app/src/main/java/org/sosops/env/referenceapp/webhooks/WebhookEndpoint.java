package org.sosops.env.referenceapp.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;
import org.sosops.env.referenceapp.http.RequestIds;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookGuards;
import org.sosops.env.webhooks.WebhookHandler;
import org.sosops.env.webhooks.WebhookResponse;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * One webhook route, handed whole to the library's {@link WebhookGuard}: source allowlist, rate
 * limit, signature, replay check, failure record and alert all happen there; this class only
 * translates between Jetty and the guard, and answers Twilio's inbound messages with empty TwiML.
 */
public final class WebhookEndpoint implements Endpoint {
    /** The router refuses larger bodies with 413 before reading them; the guard's cap is the same. */
    static final int READ_LIMIT = org.sosops.env.referenceapp.http.Router.DEFAULT_MAX_BODY_BYTES;
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final WebhookGuard guard;
    private final WebhookHandler handler;

    public WebhookEndpoint(WebhookGuard guard, WebhookHandler handler) {
        this.guard = guard;
        this.handler = handler;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Optional<byte[]> body = exchange.body(READ_LIMIT);
        if (body.isEmpty()) {
            exchange.error(413, "payload_too_large", "the request body exceeds " + READ_LIMIT + " bytes");
            return;
        }
        WebhookRequest.Builder request = WebhookRequest.builder(exchange.method(), exchange.path())
                .headers(withoutRequestId(exchange.headers()))
                // The router's id, so the answer, the logs and the failure record all carry the same one.
                .header(RequestIds.HEADER, exchange.requestId())
                .body(body.get());
        exchange.rawQuery().ifPresent(request::query);
        source(exchange.remoteAddress()).ifPresent(request::sourceAddress);
        WebhookResponse answer = guard.handle(request.build(), handler);
        answer.headers().forEach(exchange::header);
        if (answer.accepted() && exchange.path().equals(WebhookGuards.TWILIO_INBOUND)) {
            exchange.text(answer.status(), "text/xml", EMPTY_TWIML);
        } else {
            exchange.text(answer.status(), "text/plain; charset=utf-8", answer.body());
        }
    }

    private static Map<String, List<String>> withoutRequestId(Map<String, List<String>> headers) {
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(RequestIds.HEADER));
        return headers;
    }

    /** The peer is always an IP literal here, so this never resolves a name. */
    private static Optional<InetAddress> source(String address) {
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
