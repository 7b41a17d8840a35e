package org.sosops.env.webhooks.verify;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.sosops.env.webhooks.request.FormBody;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * What a Twilio signature covers besides the URL, decided in one place for the verifier and the
 * replay check: the decoded form parameters, or the raw body bound by the URL's {@code bodySHA256},
 * or nothing (no body). A body in any other shape — wrong or malformed content type, bad form
 * encoding — is refused by both, so neither can read a request the other did not.
 *
 * <pre>{@code
 * if (TwilioSignedContent.of(request) instanceof TwilioSignedContent.Form form) {
 *     form.body().values("MessageSid");
 * }
 * }</pre>
 */
public sealed interface TwilioSignedContent {

    static TwilioSignedContent of(WebhookRequest request) {
        Optional<String> bodyHash = request.rawQuery().flatMap(q -> queryParameter(q, "bodySHA256"));
        if (bodyHash.isPresent()) {
            return new BodyBound(bodyHash.get());
        }
        if (request.body().length == 0) {
            return new NoBody();
        }
        Optional<FormBody> form = request.form();
        if (form.isPresent()) {
            return new Form(form.get());
        }
        if (!request.isFormEncoded()) {
            return new Refused(RejectReason.UNSUPPORTED_CONTENT_TYPE, "a Twilio callback with a body is form-encoded"
                    + " (one well-formed Content-Type) or carries bodySHA256 in its URL; got '" + request.mediaType() + "'");
        }
        return new Refused(RejectReason.MALFORMED_BODY, "the form body is not valid application/x-www-form-urlencoded");
    }

    /** The decoded value of one query parameter, when present and well encoded. */
    static Optional<String> queryParameter(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of("");
                }
            }
        }
        return Optional.empty();
    }

    /** Form parameters, every one signed. */
    record Form(FormBody body) implements TwilioSignedContent {
    }

    /** A JSON (or other) body bound by the signed URL's {@code bodySHA256}. */
    record BodyBound(String claimedSha256Hex) implements TwilioSignedContent {
    }

    /** No body: the URL alone is signed. */
    record NoBody() implements TwilioSignedContent {
    }

    /** A body neither reader accepts. */
    record Refused(RejectReason reason, String detail) implements TwilioSignedContent {
    }
}
