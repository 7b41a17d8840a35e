package org.sosops.env.drill;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs form callbacks the way Twilio does (base64 HMAC-SHA1 of the URL followed by every
 * parameter name and value, sorted by name) — the sender's side, written from Twilio's
 * documentation, so the drill exercises the application's verifier rather than sharing its code.
 */
final class TwilioSigner {
    private final byte[] key;

    TwilioSigner(String authToken) {
        this.key = authToken.getBytes(StandardCharsets.UTF_8);
    }

    String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    static String form(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }
}
