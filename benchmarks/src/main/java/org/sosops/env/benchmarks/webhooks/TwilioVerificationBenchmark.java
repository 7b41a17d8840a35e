package org.sosops.env.benchmarks.webhooks;

import com.twilio.security.RequestValidator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;
import org.sosops.env.webhooks.verify.Verification;

/**
 * A typical 12-parameter Twilio SMS status callback: our verifier against one bare HMAC-SHA1 over
 * the same signed bytes with a prepared key (the floor), and twilio-java's RequestValidator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TwilioVerificationBenchmark {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String URL = "https://ops.example.org/api/webhooks/twilio/status";

    private TwilioSignatureVerifier ours;
    private WebhookRequest request;
    private Mac preparedMac;
    private byte[] signedBytes;
    private RequestValidator twilioJava;
    private Map<String, String> params;
    private String signature;

    @Setup
    public void setUp() throws Exception {
        params = new LinkedHashMap<>();
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("ApiVersion", "2010-04-01");
        params.put("From", "+14155550100");
        params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        params.put("MessageStatus", "delivered");
        params.put("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef");
        params.put("SmsSid", "SM0123456789abcdef0123456789abcdef");
        params.put("SmsStatus", "delivered");
        params.put("To", "+14155550199");
        params.put("ErrorCode", "");
        params.put("RawDlrDoneDate", "2611201000");
        params.put("ChannelToAddress", "+1415555XXXX");
        StringBuilder data = new StringBuilder(URL);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        signedBytes = data.toString().getBytes(StandardCharsets.UTF_8);
        preparedMac = Mac.getInstance("HmacSHA1");
        preparedMac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        signature = Base64.getEncoder().encodeToString(preparedMac.doFinal(signedBytes));

        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        request = WebhookRequest.builder("POST", "/api/webhooks/twilio/status")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .body(String.join("&", pairs).getBytes(StandardCharsets.UTF_8)).build();
        ours = TwilioSignatureVerifier.withAuthToken(Secret.of(TOKEN), URI.create("https://ops.example.org"));
        twilioJava = new RequestValidator(TOKEN);
        if (!ours.verify(request).verified() || !twilioJava.validate(URL, params, signature)) {
            throw new IllegalStateException("the benchmark request does not verify");
        }
    }

    @Benchmark
    public Verification sosopsVerify() {
        return ours.verify(request);
    }

    @Benchmark
    public byte[] bareHmacSha1PreparedKey() {
        return preparedMac.doFinal(signedBytes);
    }

    @Benchmark
    public boolean twilioJavaRequestValidator() {
        return twilioJava.validate(URL, params, signature);
    }
}
