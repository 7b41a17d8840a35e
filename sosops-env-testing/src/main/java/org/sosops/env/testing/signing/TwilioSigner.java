package org.sosops.env.testing.signing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sosops.env.core.secret.Secret;

/**
 * Signs requests as Twilio does, from Twilio's published algorithm ("Webhooks security"): the
 * {@code X-Twilio-Signature} header is base64 HMAC-SHA1, keyed by the auth token, of
 * <ul>
 *   <li>form callbacks: the full URL followed by every POST parameter's name and value, names in
 *       sorted order; a repeated name contributes each distinct value, values sorted;</li>
 *   <li>JSON callbacks: the full URL including the {@code bodySHA256} query parameter, the
 *       lower-case hex SHA-256 of the raw body.</li>
 * </ul>
 *
 * <pre>{@code
 * TwilioSigner twilio = TwilioSigner.withAuthToken(env.secret("TWILIO_AUTH_TOKEN").orElseThrow());
 * SignedWebhook inbound = twilio.signForm("https://app.example.org/api/webhooks/twilio/inbound",
 *         List.of(Map.entry("From", "+15555550101"), Map.entry("Body", "STOP")));
 * }</pre>
 */
public final class TwilioSigner {
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    public static final String BODY_HASH_PARAMETER = "bodySHA256";

    private final Secret authToken;

    private TwilioSigner(Secret authToken) {
        this.authToken = authToken;
    }

    public static TwilioSigner withAuthToken(Secret authToken) {
        return new TwilioSigner(Objects.requireNonNull(authToken, "authToken"));
    }

    /** The signature of a form-encoded callback to {@code url} with these parameters (repeats allowed). */
    public String formSignature(String url, List<Map.Entry<String, String>> parameters) {
        Map<String, TreeSet<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, String> parameter : parameters) {
            sorted.computeIfAbsent(parameter.getKey(), k -> new TreeSet<>()).add(parameter.getValue());
        }
        StringBuilder data = new StringBuilder(url);
        sorted.forEach((name, values) -> values.forEach(value -> data.append(name).append(value)));
        return sign(data.toString());
    }

    /** A form-encoded callback, body and signature header. */
    public SignedWebhook signForm(String url, List<Map.Entry<String, String>> parameters) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters) {
            pairs.add(encode(parameter.getKey()) + "=" + encode(parameter.getValue()));
        }
        return new SignedWebhook(url, "application/x-www-form-urlencoded",
                Map.of(SIGNATURE_HEADER, formSignature(url, parameters)),
                String.join("&", pairs).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code url} with {@code bodySHA256=<hex SHA-256 of body>} appended to its query. */
    public static String urlWithBodyHash(String url, byte[] body) {
        String hash = HexFormat.of().formatHex(Crypto.sha256(body));
        return url + (url.indexOf('?') >= 0 ? "&" : "?") + BODY_HASH_PARAMETER + "=" + hash;
    }

    /** A JSON callback: the URL gains {@code bodySHA256}, and the signature covers that full URL. */
    public SignedWebhook signJson(String url, byte[] body) {
        String signedUrl = urlWithBodyHash(url, body);
        return new SignedWebhook(signedUrl, "application/json", Map.of(SIGNATURE_HEADER, sign(signedUrl)), body);
    }

    private String sign(String data) {
        return Base64.getEncoder().encodeToString(
                Crypto.hmac("HmacSHA1", authToken.bytes(), data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TwilioSigner[***]";
    }
}
