package org.sosops.env.referenceapp.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.core.recipients.Channel;
import org.sosops.env.core.recipients.DataLabel;
import org.sosops.env.core.recipients.GuardDecision;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.recipients.Send;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}: an outbound SMS or e-mail, single or batch, sent only when the
 * {@link RecipientGuard} allows the whole batch. The guard is asked first, on every send, and the
 * sender never sees a refused message.
 *
 * <pre>
 * POST /api/messages
 * {"channel": "sms", "to": ["+15555550100"], "body": "Polls open at 7",
 *  "list_id": "gotv", "authorization": "…", "label": "test-data"}
 * → 202 {"status": "dry_run", "channel": "sms", "recipients": 1, "request_id": "…"}
 * → 403 {"error": "recipient-not-allowlisted", "message": "…", "request_id": "…"}
 * → 400 {"error": "bad_request", "message": "to must be a non-empty array of strings", …}
 * </pre>
 */
public final class MessagesEndpoint implements Endpoint {
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_RECIPIENTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MessagesEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecipientGuard guard;
    private final MessageSender sender;

    public MessagesEndpoint(RecipientGuard guard, MessageSender sender) {
        this.guard = guard;
        this.sender = sender;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Optional<byte[]> body = exchange.body(MAX_BODY_BYTES);
        if (body.isEmpty()) {
            exchange.error(413, "payload_too_large", "the request body exceeds " + MAX_BODY_BYTES + " bytes");
            return;
        }
        Request request;
        try {
            request = parse(body.get());
        } catch (BadRequest e) {
            exchange.error(400, "bad_request", e.getMessage());
            return;
        }
        Send send = request.channel == Channel.SMS ? Send.sms(request.to) : Send.email(request.to);
        if (request.listId != null) {
            send = send.forList(request.listId);
        }
        if (request.authorization != null) {
            send = send.authorizedBy(request.authorization);
        }
        if (request.label != null) {
            send = send.labeled(request.label);
        }
        GuardDecision decision = guard.check(send);
        if (decision instanceof GuardDecision.Refused refused) {
            LOG.warn("request {}: send refused [{}] {}", exchange.requestId(), refused.rule().id(), refused.reason());
            exchange.error(403, refused.rule().id(), refused.reason());
            return;
        }
        MessageSender.Receipt receipt;
        try {
            receipt = sender.send(new OutboundMessage(request.channel, request.to, Optional.ofNullable(request.subject),
                    request.body));
        } catch (SendFailedException e) {
            LOG.error("request {}: send failed: {}", exchange.requestId(), e.getMessage());
            exchange.error(502, "send_failed", e.getMessage());
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", receipt.status());
        answer.put("channel", request.channel.name().toLowerCase(Locale.ROOT));
        answer.put("recipients", receipt.recipients());
        answer.put("request_id", exchange.requestId());
        exchange.json(202, answer);
    }

    private static Request parse(byte[] body) throws BadRequest {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new BadRequest("the body cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("the body must be a JSON object");
        }
        Request request = new Request();
        String channel = text(root, "channel", true);
        request.channel = switch (channel) {
            case "sms" -> Channel.SMS;
            case "email" -> Channel.EMAIL;
            default -> throw new BadRequest("channel must be \"sms\" or \"email\"");
        };
        JsonNode to = root.get("to");
        if (to == null || !to.isArray() || to.isEmpty()) {
            throw new BadRequest("to must be a non-empty array of strings");
        }
        if (to.size() > MAX_RECIPIENTS) {
            throw new BadRequest("to has " + to.size() + " recipients; at most " + MAX_RECIPIENTS + " per request");
        }
        request.to = new ArrayList<>();
        for (JsonNode recipient : to) {
            if (!recipient.isTextual() || recipient.asText().isBlank()) {
                throw new BadRequest("to must be a non-empty array of strings");
            }
            request.to.add(recipient.asText());
        }
        request.body = text(root, "body", true);
        request.subject = text(root, "subject", false);
        if (request.channel == Channel.EMAIL && request.subject == null) {
            throw new BadRequest("subject is required for e-mail");
        }
        request.listId = text(root, "list_id", false);
        request.authorization = text(root, "authorization", false);
        String label = text(root, "label", false);
        if (label != null) {
            request.label = switch (label) {
                case "test-data" -> DataLabel.TEST_DATA;
                case "authorized-real-data" -> DataLabel.AUTHORIZED_REAL_DATA;
                default -> throw new BadRequest("label must be \"test-data\" or \"authorized-real-data\"");
            };
        }
        return request;
    }

    private static String text(JsonNode root, String field, boolean required) throws BadRequest {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadRequest(field + " is required");
            }
            return null;
        }
        if (!node.isTextual() || (required && node.asText().isBlank())) {
            throw new BadRequest(field + " must be a " + (required ? "non-empty " : "") + "string");
        }
        return node.asText();
    }

    private static final class Request {
        Channel channel;
        List<String> to;
        String body;
        String subject;
        String listId;
        String authorization;
        DataLabel label;
    }

    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
