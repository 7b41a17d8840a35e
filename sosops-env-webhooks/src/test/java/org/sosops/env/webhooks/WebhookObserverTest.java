package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.webhooks.ratelimit.RateLimitSpec;
import org.sosops.env.webhooks.ratelimit.SourceRateLimiter;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;

class WebhookObserverTest {
    private static final String TOKEN = "5f0e1d2c3b4a59687766554433221100";
    private static final String PATH = WebhookGuards.TWILIO_STATUS;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private WebhookGuard guard(WebhookObserver observer) {
        MutableClock clock = MutableClock.at(1_800_000_000L);
        return WebhookGuard.builder().environment("staging").strict(true).clock(clock)
                .endpoint(PATH, TwilioSignatureVerifier.withAuthToken(Secret.of(TOKEN), URI.create("https://ops.example.org")))
                .rateLimiter(SourceRateLimiter.inMemory(RateLimitSpec.parse("2/1m"), clock))
                .failureStore(new InMemoryFailureStore())
                .maxBodyBytes(4096)
                .observer(observer).build();
    }

    private static WebhookRequest request(String path, String body, String signatureOf) throws Exception {
        return WebhookRequest.builder("POST", path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", WebhookGuardTest.sign(TOKEN, "https://ops.example.org" + PATH, signatureOf))
                .body(body.getBytes(StandardCharsets.UTF_8)).sourceAddress(InetAddress.getByName("192.0.2.7")).build();
    }

    @Test
    void everyAnswerIsReportedWithItsProviderAndOutcome() throws Exception {
        WebhookGuard guard = guard((provider, outcome) -> seen.add(provider + ":" + outcome));
        String body = "MessageSid=SM1&MessageStatus=delivered";
        guard.handle(request(PATH, body, body), (r, id) -> { });
        guard.handle(request(PATH, body, body), (r, id) -> { });
        guard.handle(request(PATH, "MessageSid=SM2&MessageStatus=sent", body), (r, id) -> { });
        guard.handle(request(PATH, body, body), (r, id) -> { });
        guard.handle(request("/api/webhooks/other", body, body), (r, id) -> { });

        assertThat(seen).containsExactly("twilio:ACCEPTED", "twilio:DUPLICATE", "twilio:REJECTED",
                "twilio:RATE_LIMITED", "none:NOT_FOUND");
    }

    @Test
    void aGuardBuiltElsewhereCanBeObservedAndSharesItsState() throws Exception {
        WebhookGuard plain = guard((provider, outcome) -> { });
        WebhookGuard observed = plain.withObserver((provider, outcome) -> seen.add(provider + ":" + outcome));
        String body = "MessageSid=SM1&MessageStatus=delivered";
        plain.handle(request(PATH, body, body), (r, id) -> { });
        // The seen ids are shared: the observed copy knows the delivery already.
        assertThat(observed.handle(request(PATH, body, body), (r, id) -> { }).outcome())
                .isEqualTo(WebhookResponse.Outcome.DUPLICATE);
        assertThat(seen).containsExactly("twilio:DUPLICATE");
        assertThat(observed.paths()).isEqualTo(plain.paths());
    }

    @Test
    void aThrowingObserverNeverChangesTheAnswer() throws Exception {
        WebhookGuard guard = guard((provider, outcome) -> {
            throw new IllegalStateException("metrics backend down");
        });
        String body = "MessageSid=SM1&MessageStatus=delivered";
        WebhookResponse answer = guard.handle(request(PATH, body, body), (r, id) -> seen.add("handled"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(seen).containsExactly("handled");
        assertThat(guard.maxBodyBytes()).isEqualTo(4096);
    }
}
