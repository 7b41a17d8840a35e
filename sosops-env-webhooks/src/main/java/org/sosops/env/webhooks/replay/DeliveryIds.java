package org.sosops.env.webhooks.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sosops.env.webhooks.request.FormBody;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.TwilioSignedContent;

/**
 * The delivery ids of a verified request, taken from what its signature covers, so nobody holding
 * one genuine request can make it look new:
 *
 * <ul>
 * <li>Twilio: from the decoded signed form parameters (the same {@link FormBody} the verifier
 * signed): {@code MessageSid} + {@code MessageStatus} (or {@code SmsStatus}), {@code CallSid} +
 * {@code CallStatus}, {@code RecordingSid} + {@code RecordingStatus}, {@code TranscriptionSid} +
 * {@code TranscriptionStatus}; when none identifies the delivery, a digest of the URL and the
 * canonical (sorted, decoded) parameters, or of the URL and raw body for {@code bodySHA256}
 * callbacks. The unsigned {@code I-Twilio-Idempotency-Token} is a {@linkplain #unsigned() hint}:
 * it can only add a duplicate;</li>
 * <li>SendGrid: every {@code sg_event_id} of the signed batch (a batch is a repeat when all were
 * seen), else a digest of the body;</li>
 * <li>Standard Webhooks: the signed {@code webhook-id}, scoped to the endpoint path;</li>
 * <li>Postmark and anything else: a digest of the path and the byte-identical body (not the
 * query, which nothing signs).</li>
 * </ul>
 *
 * <pre>{@code
 * DeliveryIds ids = DeliveryIds.of("twilio", request);
 * ids.signed();     // ["/api/webhooks/twilio/status MessageSid=SM123 MessageStatus=delivered"]
 * ids.unsigned();   // ["token:4f2…"]
 * }</pre>
 *
 * @param signed   ids from signed content: the delivery is a repeat when all of them were seen
 * @param unsigned ids from unsigned headers: the delivery is a repeat when any of them was seen
 */
public record DeliveryIds(List<String> signed, List<String> unsigned) {
    private static final JsonFactory JSON = new JsonFactory();
    /** Pairs of (id, status) that identify one Twilio delivery, most specific first. */
    private static final String[][] TWILIO_KINDS = {
            {"RecordingSid", "RecordingStatus"},
            {"TranscriptionSid", "TranscriptionStatus"},
            {"MessageSid", "MessageStatus"},
            {"MessageSid", "SmsStatus"},
            {"SmsSid", "SmsStatus"},
            {"CallSid", "CallStatus"},
    };

    public DeliveryIds {
        signed = List.copyOf(signed);
        unsigned = List.copyOf(unsigned);
    }

    public static DeliveryIds of(String provider, WebhookRequest request) {
        return switch (provider) {
            case "twilio" -> twilio(request);
            case "sendgrid" -> new DeliveryIds(sendGrid(request), List.of());
            case "standard" -> new DeliveryIds(request.headerValues("webhook-id").stream().limit(1)
                    .map(id -> "webhook-id " + request.path() + " " + id.strip()).toList(), List.of());
            default -> new DeliveryIds(List.of(bodyDigest(request, false)), List.of());
        };
    }

    private static DeliveryIds twilio(WebhookRequest request) {
        List<String> hints = request.headerValues("I-Twilio-Idempotency-Token").stream().map(String::strip)
                .filter(token -> !token.isEmpty()).map(token -> "token:" + token).distinct().toList();
        TwilioSignedContent content = TwilioSignedContent.of(request);
        // A bodySHA256 callback signs its query (it holds the hash), so the query is part of its identity.
        String signed = content instanceof TwilioSignedContent.Form form ? formKey(request, form.body())
                : bodyDigest(request, true);
        return new DeliveryIds(List.of(signed), hints);
    }

    private static String formKey(WebhookRequest request, FormBody form) {
        for (String[] kind : TWILIO_KINDS) {
            // Distinct values: a repeated copy of a signed pair still verifies, so it must not change the key.
            List<String> sid = form.distinctValues(kind[0]);
            List<String> status = form.distinctValues(kind[1]);
            if (!sid.isEmpty() && !status.isEmpty()) {
                return request.path() + " " + kind[0] + "=" + String.join(",", sid) + " " + kind[1] + "="
                        + String.join(",", status);
            }
        }
        MessageDigest digest = sha256();
        update(digest, request.path().getBytes(StandardCharsets.UTF_8));
        update(digest, request.rawQuery().orElse("").getBytes(StandardCharsets.UTF_8));
        for (FormBody.Parameter p : form.sortedDistinct()) {
            update(digest, p.name());
            update(digest, p.value());
        }
        return "form-sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A digest of the path, the exact body and, when the signature covers it, the query: the
     * identity of a byte-identical delivery. An unsigned query is left out, so appending one does
     * not make a replay new.
     */
    static String bodyDigest(WebhookRequest request, boolean querySigned) {
        MessageDigest digest = sha256();
        update(digest, request.path().getBytes(StandardCharsets.UTF_8));
        update(digest, querySigned ? request.rawQuery().orElse("").getBytes(StandardCharsets.UTF_8) : new byte[0]);
        update(digest, request.body());
        return "body-sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so ("ab","c") and ("a","bc") never digest alike. */
    private static void update(MessageDigest digest, byte[] part) {
        int n = part.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(part);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static List<String> sendGrid(WebhookRequest request) {
        Set<String> ids = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(request.body())) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 2 && "sg_event_id".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    ids.add("sg_event_id " + parser.getText());
                }
            }
        } catch (IOException e) {
            return List.of(bodyDigest(request, false));
        }
        return ids.isEmpty() ? List.of(bodyDigest(request, false)) : new ArrayList<>(ids);
    }

    /** The ids, for logs: digests and sids only, never a body. */
    @Override
    public String toString() {
        return "DeliveryIds[signed " + signed.size() + ", unsigned " + unsigned.size() + "]";
    }
}
