package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;

/** A flood from one source is cut to the configured rate with 429 and Retry-After. */
class RateLimitHttpTest {
    private static final Secret TWILIO_TOKEN = Secret.of("fedcba9876543210fedcba9876543210");

    @Test
    void requestsBeyondTheSourcesRateAre429WithRetryAfter(@TempDir Path dataDir) throws Exception {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("APP_URL", "https://ops.example.org");
        variables.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN.reveal());
        variables.put("SOSOPS_WEBHOOK_RATE_LIMIT", "5/1m");
        try (ReferenceApp app = TestEnvironments.start(variables)) {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SignedWebhook webhook = TwilioSigner.withAuthToken(TWILIO_TOKEN).signForm(
                        "https://ops.example.org/api/webhooks/twilio/status",
                        List.of(Map.entry("MessageSid", "SM%032d".formatted(i)), Map.entry("MessageStatus", "sent")));
                answers.add(WebhooksHttpTest.send(app, "/api/webhooks/twilio/status", webhook));
            }

            assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
            assertThat(answers.subList(5, 8)).allSatisfy(answer -> {
                assertThat(answer.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
                assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
            });
        }
    }
}
