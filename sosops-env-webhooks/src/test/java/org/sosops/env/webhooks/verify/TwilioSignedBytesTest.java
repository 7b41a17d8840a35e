package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The exact bytes the verifier signs, against signatures computed here with javax.crypto over a
 * signed string written out by hand, and the per-thread state it reuses between verifications.
 */
class TwilioSignedBytesTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String BASE = "https://ops.example.org";
    private static final TwilioSignatureVerifier VERIFIER =
            TwilioSignatureVerifier.withAuthToken(Secret.of(TOKEN), URI.create(BASE));

    private static byte[] hmac(String signedString) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(signedString.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String signature(String signedString) {
        return Base64.getEncoder().encodeToString(hmac(signedString));
    }

    private static WebhookRequest post(String path, String query, String body, String signature) {
        return WebhookRequest.builder("POST", path).query(query)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static RejectReason reason(Verification v) {
        return v instanceof Verification.Rejected r ? r.reason() : null;
    }

    @Test
    void signsDecodedNamesAndValuesInCodePointOrderWithExactRepeatsOnce() {
        String body = "Tag=zeta&Na%6De+1=a%2Bb+c&%C3%A9=%E2%82%AC&Tag=alpha&ErrorCode=&flag&Message=1&MessageSid=SM1"
                + "&Tag=zeta&Messages=2";
        String signedString = BASE + "/hook" + "ErrorCode" + "Message1" + "MessageSidSM1" + "Messages2"
                + "Name 1a+b c" + "TagalphaTagzeta" + "flag" + "\u00e9\u20ac";

        assertThat(VERIFIER.verify(post("/hook", null, body, signature(signedString))).verified()).isTrue();
        assertThat(reason(VERIFIER.verify(post("/hook", null, body + "&Tag=beta", signature(signedString)))))
                .isEqualTo(RejectReason.SIGNATURE_MISMATCH);
    }

    @Test
    void signsTheRawQueryAndANonAsciiPathAsUtf8() {
        String signedString = BASE + "/hook/caf\u00e9?x=%C3%A9&y=1" + "MessageSidSM1";
        WebhookRequest request = post("/hook/caf\u00e9", "x=%C3%A9&y=1", "MessageSid=SM1", signature(signedString));

        assertThat(VERIFIER.verify(request).verified()).isTrue();
    }

    @Test
    void aSignatureHeaderIsDecodedStrictlyToTwentyBytes() {
        String signedString = BASE + "/hook" + "MessageSidSM1";
        byte[] mac = hmac(signedString);
        String good = Base64.getEncoder().encodeToString(mac);
        byte[] longer = Arrays.copyOf(mac, 21);

        assertThat(VERIFIER.verify(post("/hook", null, "MessageSid=SM1", " " + good + "\t")).verified()).isTrue();
        for (String bad : List.of(Base64.getEncoder().withoutPadding().encodeToString(longer),
                Base64.getEncoder().encodeToString(Arrays.copyOf(mac, 19)),
                good.substring(0, 27) + "\u00c1", good.substring(0, 27) + "\u0141", good.substring(0, 27) + "*",
                good.substring(0, 26), good + "AAAA")) {
            assertThat(reason(VERIFIER.verify(post("/hook", null, "MessageSid=SM1", bad)))).as(bad)
                    .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        }
    }

    @Test
    void oneThreadVerifiesLongShortFailingAndPortVariantRequestsInAnyOrder() {
        String longQuery = "q=" + "x".repeat(3_000);
        WebhookRequest longOne = post("/hook", longQuery, "A=1", signature(BASE + "/hook?" + longQuery + "A1"));
        WebhookRequest shortOne = post("/h", null, "B=2", signature(BASE + "/h" + "B2"));
        WebhookRequest tampered = post("/h", null, "B=3", signature(BASE + "/h" + "B2"));
        WebhookRequest defaultPort = post("/h", null, "B=2", signature(BASE + ":443/h" + "B2"));
        WebhookRequest noBody = WebhookRequest.builder("GET", "/h").query("a=b")
                .header("X-Twilio-Signature", signature(BASE + "/h?a=b")).build();

        for (int round = 0; round < 3; round++) {
            assertThat(VERIFIER.verify(longOne).verified()).isTrue();
            assertThat(VERIFIER.verify(shortOne).verified()).isTrue();
            assertThat(reason(VERIFIER.verify(tampered))).isEqualTo(RejectReason.SIGNATURE_MISMATCH);
            assertThat(VERIFIER.verify(defaultPort).verified()).isTrue();
            assertThat(VERIFIER.verify(noBody).verified()).isTrue();
            assertThat(VERIFIER.verify(shortOne).verified()).isTrue();
        }
    }

    @Test
    void threadsVerifyingAtOnceNeverSeeEachOthersBytes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Boolean>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Boolean> outcomes = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        String sid = "SM" + thread + "x" + i;
                        String path = "/hook/" + "p".repeat(i % 7);
                        String signed = signature(BASE + path + "MessageSid" + sid + "MessageStatusdelivered");
                        String body = "MessageStatus=delivered&MessageSid=" + sid;
                        outcomes.add(VERIFIER.verify(post(path, null, body, signed)).verified());
                        outcomes.add(!VERIFIER.verify(post(path, null, body + "0", signed)).verified());
                    }
                    return outcomes;
                }));
            }
            for (Future<List<Boolean>> result : results) {
                assertThat(result.get()).hasSize(600).containsOnly(true);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
