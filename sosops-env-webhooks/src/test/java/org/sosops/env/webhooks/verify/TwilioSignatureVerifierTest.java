package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;

class TwilioSignatureVerifierTest {
    private static final Secret DOCS_TOKEN = Secret.of("12345");
    private static final String FORM = "application/x-www-form-urlencoded";

    static Map<String, String> docsParams(String caller) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("Caller", caller);
        params.put("Digits", "1234");
        params.put("From", caller);
        params.put("To", "+18005551212");
        return params;
    }

    static String form(List<String[]> pairs) {
        List<String> parts = new ArrayList<>();
        for (String[] p : pairs) {
            parts.add(URLEncoder.encode(p[0], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p[1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    static String form(Map<String, String> params) {
        List<String[]> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(new String[] {k, v}));
        return form(pairs);
    }

    /** The algorithm as Twilio documents it, written out independently of the verifier. */
    static String independentSignature(String token, String url, List<String[]> pairs) throws Exception {
        List<String[]> sorted = new ArrayList<>(pairs);
        sorted.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder data = new StringBuilder(url);
        String[] previous = null;
        for (String[] p : sorted) {
            if (previous != null && previous[0].equals(p[0]) && previous[1].equals(p[1])) {
                continue;
            }
            data.append(p[0]).append(p[1]);
            previous = p;
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static WebhookRequest post(String path, String query, String body, String signature) {
        WebhookRequest.Builder b = WebhookRequest.builder("POST", path).query(query)
                .header("Content-Type", FORM + "; charset=utf-8").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        return b.build();
    }

    private static TwilioSignatureVerifier docsVerifier() {
        return TwilioSignatureVerifier.withAuthToken(DOCS_TOKEN, URI.create("https://mycompany.com"));
    }

    @Test
    void acceptsTwilioPublishedExampleFromTheSecurityDocs() {
        WebhookRequest request = post("/myapp.php", "foo=1&bar=2", form(docsParams("+14158675309")), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(docsVerifier().verify(request).verified()).isTrue();
    }

    @Test
    void acceptsTheNewerPublishedExampleWithOtherPhoneNumbers() {
        WebhookRequest request = post("/myapp.php", "foo=1&bar=2", form(docsParams("+12349013030")), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(docsVerifier().verify(request).verified()).isTrue();
    }

    @Test
    void agreesWithAnIndependentComputationOnATwelveParameterCallbackWithRepeatsAndEncoding() throws Exception {
        List<String[]> pairs = new ArrayList<>(List.of(
                new String[] {"MessageSid", "SM0123456789abcdef0123456789abcdef"},
                new String[] {"SmsSid", "SM0123456789abcdef0123456789abcdef"},
                new String[] {"AccountSid", "AC0123456789abcdef0123456789abcdef"},
                new String[] {"MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"},
                new String[] {"From", "+14155550100"},
                new String[] {"To", "+14155550199"},
                new String[] {"Body", "Olá & bem-vindo = 100% sí 👋"},
                new String[] {"NumMedia", "2"},
                new String[] {"MediaUrl0", "https://api.twilio.com/a?b=c&d=e"},
                new String[] {"MediaUrl0", "https://api.twilio.com/a?b=c&d=e"},
                new String[] {"Tag", "zeta"},
                new String[] {"Tag", "alpha"}));
        String token = "0123456789abcdef0123456789abcdef";
        String signature = independentSignature(token, "https://ops.example.org/api/webhooks/twilio/inbound", pairs);
        WebhookRequest request = post("/api/webhooks/twilio/inbound", null, form(pairs), signature);
        Verification answer = TwilioSignatureVerifier.withAuthToken(Secret.of(token), URI.create("https://ops.example.org/"))
                .verify(request);
        assertThat(answer).isEqualTo(Verification.verified("twilio"));
    }

    @Test
    void splitsAwkwardFormBodiesExactlyAsTheDocumentedAlgorithmReadsThem() throws Exception {
        String body = "a=b=c&&flag&x=%2B1&y=+plus+&ErrorCode=&LongerThanEightBytesName=v&LongerThanEightBytesNamf=w&"
                + "%41ccount=%e2%82%ac&z=" + "long-value-".repeat(20) + "&";
        List<String[]> pairs = List.of(new String[] {"a", "b=c"}, new String[] {"flag", ""}, new String[] {"x", "+1"},
                new String[] {"y", " plus "}, new String[] {"ErrorCode", ""}, new String[] {"LongerThanEightBytesName", "v"},
                new String[] {"LongerThanEightBytesNamf", "w"}, new String[] {"Account", "\u20ac"},
                new String[] {"z", "long-value-".repeat(20)});
        String signature = independentSignature("tok", "https://ops.example.org/hook", pairs);
        TwilioSignatureVerifier verifier = TwilioSignatureVerifier.withAuthToken(Secret.of("tok"), URI.create("https://ops.example.org"));
        assertThat(verifier.verify(post("/hook", null, body, signature)).verified()).isTrue();
        assertThat(verifier.verify(post("/hook", null, body.replace("Namf=w", "Namf=W"), signature)).verified()).isFalse();
    }

    @Test
    void acceptsTheUrlWithOrWithoutTheDefaultPortButNotAnotherPort() throws Exception {
        List<String[]> pairs = List.<String[]>of(new String[] {"MessageSid", "SM1"}, new String[] {"MessageStatus", "sent"});
        String withPort = independentSignature("tok", "https://ops.example.org:443/hook", pairs);
        String withoutPort = independentSignature("tok", "https://ops.example.org/hook", pairs);
        String otherPort = independentSignature("tok", "https://ops.example.org:8443/hook", pairs);
        for (String base : List.of("https://ops.example.org", "https://ops.example.org:443")) {
            TwilioSignatureVerifier verifier = TwilioSignatureVerifier.withAuthToken(Secret.of("tok"), URI.create(base));
            assertThat(verifier.verify(post("/hook", null, form(pairs), withPort)).verified()).isTrue();
            assertThat(verifier.verify(post("/hook", null, form(pairs), withoutPort)).verified()).isTrue();
            assertThat(verifier.verify(post("/hook", null, form(pairs), otherPort)).verified()).isFalse();
        }
    }

    @Test
    void aUrlWithAnotherPortAlsoAcceptsItWithThePortRemovedButNeverTheDefaultPort() throws Exception {
        // As Twilio's helper libraries do: the configured URL, and the same URL without its port.
        List<String[]> pairs = List.<String[]>of(new String[] {"MessageSid", "SM1"}, new String[] {"MessageStatus", "sent"});
        TwilioSignatureVerifier verifier = TwilioSignatureVerifier.withAuthToken(Secret.of("tok"),
                URI.create("https://ops.example.org:8443"));
        assertThat(verifier.verify(post("/hook", null, form(pairs),
                independentSignature("tok", "https://ops.example.org:8443/hook", pairs))).verified()).isTrue();
        assertThat(verifier.verify(post("/hook", null, form(pairs),
                independentSignature("tok", "https://ops.example.org/hook", pairs))).verified()).isTrue();
        for (String never : List.of("https://ops.example.org:443/hook", "https://ops.example.org:8080/hook",
                "http://ops.example.org:8443/hook", "https://ops.example.org:8443/hook/", "https://other.example.org:8443/hook")) {
            assertThat(verifier.verify(post("/hook", null, form(pairs), independentSignature("tok", never, pairs)))
                    .verified()).as(never).isFalse();
        }
    }

    @Test
    void verifiesJsonCallbacksThroughTheBodyHashInTheUrl() throws Exception {
        byte[] body = "{\"event\":\"call.state\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String signature = independentSignature("tok", "https://ops.example.org/hook?bodySHA256=" + hash, List.of());
        TwilioSignatureVerifier verifier = TwilioSignatureVerifier.withAuthToken(Secret.of("tok"), URI.create("https://ops.example.org"));
        WebhookRequest good = WebhookRequest.builder("POST", "/hook").query("bodySHA256=" + hash)
                .header("Content-Type", "application/json").header("X-Twilio-Signature", signature).body(body).build();
        assertThat(verifier.verify(good).verified()).isTrue();

        WebhookRequest tampered = WebhookRequest.builder("POST", "/hook").query("bodySHA256=" + hash)
                .header("Content-Type", "application/json").header("X-Twilio-Signature", signature)
                .body("{\"event\":\"call.state\",\"n\":2}".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(verifier.verify(tampered)).isInstanceOfSatisfying(Verification.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.BODY_HASH_MISMATCH));
    }

    @Test
    void rejectsATamperedParameterAWrongTokenAndAnotherPath() {
        String body = form(docsParams("+14158675309"));
        TwilioSignatureVerifier verifier = docsVerifier();
        assertThat(reason(verifier.verify(post("/myapp.php", "foo=1&bar=2", body.replace("1234", "9999"), "RSOYDt4T1cUTdK1PDd93/VVr8B8="))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
        assertThat(reason(TwilioSignatureVerifier.withAuthToken(Secret.of("54321"), URI.create("https://mycompany.com"))
                .verify(post("/myapp.php", "foo=1&bar=2", body, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
        assertThat(reason(verifier.verify(post("/other.php", "foo=1&bar=2", body, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
        assertThat(reason(verifier.verify(post("/myapp.php", "foo=1", body, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
    }

    @Test
    void neverTrustsTheHostHeaderForTheUrl() throws Exception {
        List<String[]> pairs = List.<String[]>of(new String[] {"A", "1"});
        String signedForAttackerHost = independentSignature("tok", "https://evil.example/hook", pairs);
        WebhookRequest request = WebhookRequest.builder("POST", "/hook").header("Host", "evil.example")
                .header("Content-Type", FORM).header("X-Twilio-Signature", signedForAttackerHost)
                .body(form(pairs).getBytes(StandardCharsets.UTF_8)).build();
        assertThat(TwilioSignatureVerifier.withAuthToken(Secret.of("tok"), URI.create("https://ops.example.org"))
                .verify(request).verified()).isFalse();
    }

    @Test
    void rejectsMissingDuplicateAndGarbageSignatureHeadersWithoutThrowing() {
        String body = form(docsParams("+14158675309"));
        TwilioSignatureVerifier verifier = docsVerifier();
        assertThat(reason(verifier.verify(post("/myapp.php", "foo=1&bar=2", body, null)))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        WebhookRequest twice = WebhookRequest.builder("POST", "/myapp.php").query("foo=1&bar=2").header("Content-Type", FORM)
                .header("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=").header("x-twilio-signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
                .body(body.getBytes(StandardCharsets.UTF_8)).build();
        assertThat(reason(verifier.verify(twice))).isEqualTo(RejectReason.DUPLICATE_SIGNATURE);
        assertThat(reason(verifier.verify(post("/myapp.php", "foo=1&bar=2", body, "not base64 at all!!!!!!!!!!!")))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reason(verifier.verify(post("/myapp.php", "foo=1&bar=2", body, "c2hvcnQ=")))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsMalformedFormBodiesAndUnexpectedContentTypes() {
        TwilioSignatureVerifier verifier = docsVerifier();
        assertThat(reason(verifier.verify(post("/myapp.php", null, "a=%zz", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")))).isEqualTo(RejectReason.MALFORMED_BODY);
        assertThat(reason(verifier.verify(post("/myapp.php", null, "a=%4", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")))).isEqualTo(RejectReason.MALFORMED_BODY);
        WebhookRequest xml = WebhookRequest.builder("POST", "/myapp.php").header("Content-Type", "text/xml")
                .header("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=").body("<a/>".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(reason(verifier.verify(xml))).isEqualTo(RejectReason.UNSUPPORTED_CONTENT_TYPE);
    }

    @Test
    void refusesToBeBuiltFromARelativeUrlOrABlankToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TwilioSignatureVerifier.withAuthToken(Secret.of("t"), URI.create("/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APP_URL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TwilioSignatureVerifier.withAuthToken(Secret.of(" "), URI.create("https://a.b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diagnosisNamesTheVariantAProxyOrTunnelSigned() throws Exception {
        List<String[]> pairs = List.<String[]>of(new String[] {"MessageSid", "SM1"});
        String signature = independentSignature("tok", "http://abc123.ngrok.io:8080/hook?x=1", pairs);
        WebhookRequest captured = WebhookRequest.builder("POST", "/hook").query("x=1").header("Host", "abc123.ngrok.io:8080")
                .header("Content-Type", FORM).header("X-Twilio-Signature", signature)
                .body(form(pairs).getBytes(StandardCharsets.UTF_8)).build();
        assertThat(TwilioUrlDiagnosis.diagnose(Secret.of("tok"), captured, URI.create("https://ops.example.org/hook?x=1")))
                .hasValueSatisfying(text -> assertThat(text)
                        .contains("http://abc123.ngrok.io:8080/hook?x=1")
                        .contains("scheme http instead of https").contains("host abc123.ngrok.io").contains("port 8080"));
        assertThat(TwilioUrlDiagnosis.diagnose(Secret.of("other"), captured, URI.create("https://ops.example.org/hook?x=1"))).isEmpty();
    }

    @Test
    void diagnosisNamesTheExactPortVariantThatWasSigned() throws Exception {
        // Configured with :8443 the runtime accepts :8443 and no port; a request signed for :443
        // is refused, and the diagnosis must name :443, not the no-port URL it shares a verifier with.
        List<String[]> pairs = List.<String[]>of(new String[] {"MessageSid", "SM1"});
        String signature = independentSignature("tok", "https://ops.example.org:443/hook", pairs);
        WebhookRequest captured = WebhookRequest.builder("POST", "/hook").header("Content-Type", FORM)
                .header("X-Twilio-Signature", signature).body(form(pairs).getBytes(StandardCharsets.UTF_8)).build();
        URI configured = URI.create("https://ops.example.org:8443/hook");
        assertThat(TwilioSignatureVerifier.withAuthToken(Secret.of("tok"), configured).verify(captured).verified()).isFalse();
        assertThat(TwilioUrlDiagnosis.diagnose(Secret.of("tok"), captured, configured))
                .hasValueSatisfying(text -> assertThat(text)
                        .contains("https://ops.example.org:443/hook").contains("port 443"));
    }

    static RejectReason reason(Verification v) {
        return v instanceof Verification.Rejected r ? r.reason() : null;
    }
}
