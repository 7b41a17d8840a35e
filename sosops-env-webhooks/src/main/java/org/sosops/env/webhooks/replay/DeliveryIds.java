package org.sosops.env.webhooks.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The delivery ids of a request, per provider: Twilio's {@code I-Twilio-Idempotency-Token}, else
 * {@code MessageSid} with {@code MessageStatus} (a status callback legitimately repeats the sid
 * once per status), else {@code CallSid} with {@code CallStatus}; SendGrid's {@code sg_event_id} of
 * every event in the batch; Standard Webhooks' {@code webhook-id}. Postmark sends none.
 *
 * <pre>{@code
 * List<String> ids = DeliveryIds.of("twilio", request);   // ["SM123:delivered"]
 * }</pre>
 */
public final class DeliveryIds {
    private static final JsonFactory JSON = new JsonFactory();

    private DeliveryIds() {
    }

    public static List<String> of(String provider, WebhookRequest request) {
        return switch (provider) {
            case "twilio" -> twilio(request);
            case "sendgrid" -> sendGrid(request.body());
            case "standard" -> request.header("webhook-id").map(String::strip).map(List::of).orElse(List.of());
            default -> List.of();
        };
    }

    private static List<String> twilio(WebhookRequest request) {
        Optional<String> token = request.header("I-Twilio-Idempotency-Token");
        if (token.isPresent() && !token.get().isBlank()) {
            return List.of("token:" + token.get().strip());
        }
        if (!request.mediaType().equals("application/x-www-form-urlencoded")) {
            return List.of();
        }
        String messageSid = null;
        String messageStatus = "";
        String callSid = null;
        String callStatus = "";
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            switch (name) {
                case "MessageSid" -> messageSid = decode(pair.substring(eq + 1));
                case "MessageStatus" -> messageStatus = decode(pair.substring(eq + 1));
                case "CallSid" -> callSid = decode(pair.substring(eq + 1));
                case "CallStatus" -> callStatus = decode(pair.substring(eq + 1));
                default -> { }
            }
        }
        if (messageSid != null) {
            return List.of(messageSid + ":" + messageStatus);
        }
        return callSid == null ? List.of() : List.of(callSid + ":" + callStatus);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static List<String> sendGrid(byte[] body) {
        Set<String> ids = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(body)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 2 && "sg_event_id".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    ids.add(parser.getText());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(ids);
    }
}
