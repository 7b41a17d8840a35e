package org.sosops.env.springexample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.testing.signing.SignedWebhook;
import org.sosops.env.testing.signing.TwilioSigner;
import org.sosops.env.webhooks.WebhookGuards;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example over real HTTP, on a real PostgreSQL database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringExampleApplicationTest {
    static final String APP_URL = "https://ops.example.org";
    static final String TWILIO_AUTH_TOKEN = "5f0e1d2c3b4a59687766554433221100";
    static final String AUTH_SECRET = "k8Jd2mQ9xT4vW7zR1pL6nB3cF5hY0sGa";

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase.DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", TestDatabase.DATABASE::user);
        registry.add("APP_ENV", () -> "local");
        registry.add("APP_URL", () -> APP_URL);
        registry.add("AUTH_SECRET", () -> AUTH_SECRET);
        registry.add("LOG_LEVEL", () -> "info");
        registry.add("TWILIO_AUTH_TOKEN", () -> TWILIO_AUTH_TOKEN);
        registry.add("FEATURE_FLAG_ORG_OVERRIDES_JSON", () -> "{\"org_vip\": {\"bulk_send\": true}}");
        // The failure spool (used while the database is unreachable) stays out of the source tree.
        registry.add("SOSOPS_WEBHOOK_DATA_DIR", () -> "target/sosops-env-test-data");
    }

    @LocalServerPort
    int port;
    @Autowired
    MessageStatuses statuses;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final TwilioSigner twilio = TwilioSigner.withAuthToken(Secret.of(TWILIO_AUTH_TOKEN));

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private SignedWebhook status(String sid, String status) {
        return twilio.signForm(APP_URL + WebhookGuards.TWILIO_STATUS,
                List.of(Map.entry("MessageSid", sid), Map.entry("MessageStatus", status)));
    }

    private HttpResponse<String> post(SignedWebhook webhook, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(WebhookGuards.TWILIO_STATUS))
                .header("Content-Type", webhook.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        webhook.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedTwilioCallbackReachesTheController() throws Exception {
        SignedWebhook webhook = status("SM100", "delivered");
        HttpResponse<String> answer = post(webhook, webhook.body());

        assertThat(answer.statusCode()).isEqualTo(200);
        String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(statuses.of("SM100")).containsExactly("delivered/" + requestId);
    }

    @Test
    void aForgedCallbackIsRefused403BeforeTheController() throws Exception {
        SignedWebhook genuine = status("SM200", "delivered");
        HttpResponse<String> answer = post(genuine,
                "MessageSid=SM200&MessageStatus=failed".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(statuses.of("SM200")).isEmpty();
    }

    @Test
    void aReplayedCallbackIsAcknowledgedWithoutReachingTheControllerTwice() throws Exception {
        SignedWebhook webhook = status("SM300", "sent");
        assertThat(post(webhook, webhook.body()).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(webhook, webhook.body());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("duplicate");
        assertThat(statuses.of("SM300")).hasSize(1);
    }

    @Test
    void theResolvedFlagsEndpointAnswersWithSources() throws Exception {
        JsonNode vip = json.readTree(get("/api/dashboard/feature-flags/resolved?organization_id=org_vip").body());
        assertThat(vip.at("/organization_id").asText()).isEqualTo("org_vip");
        assertThat(vip.at("/flags/bulk_send/value").asBoolean()).isTrue();
        assertThat(vip.at("/flags/bulk_send/source").asText()).isEqualTo("org");
        JsonNode environment = json.readTree(get("/api/dashboard/feature-flags/resolved").body());
        assertThat(environment.at("/flags/bulk_send/value").asBoolean()).isFalse();
        assertThat(environment.at("/flags/new_inbox/source").asText()).isEqualTo("default");
    }

    @Test
    void actuatorHealthShowsSosOpsEnv() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        JsonNode body = json.readTree(health.body());
        assertThat(body.at("/components/sosopsEnv/status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/sosopsEnv/details/environment").asText()).isEqualTo("local");
        assertThat(body.at("/components/sosopsEnv/details/flagStore").asText()).isEqualTo("reachable");
        assertThat(health.body()).doesNotContain(TWILIO_AUTH_TOKEN, AUTH_SECRET);
    }

    @Test
    void metricsCountWebhooksAndFlagResolutions() throws Exception {
        SignedWebhook webhook = status("SM400", "queued");
        post(webhook, webhook.body());
        post(webhook, "MessageSid=SM400&MessageStatus=forged".getBytes(StandardCharsets.UTF_8));

        assertThat(count("sosops.webhook.requests?tag=provider:twilio&tag=outcome:accepted")).isGreaterThanOrEqualTo(1);
        assertThat(count("sosops.webhook.requests?tag=provider:twilio&tag=outcome:rejected")).isGreaterThanOrEqualTo(1);
        assertThat(get("/actuator/metrics/sosops.flag.resolutions").statusCode()).isEqualTo(200);
        JsonNode tags = json.readTree(get("/actuator/metrics/sosops.webhook.requests").body()).at("/availableTags");
        assertThat(tags.findValuesAsText("tag")).containsExactlyInAnyOrder("provider", "outcome");
    }

    private double count(String metric) throws Exception {
        JsonNode body = json.readTree(get("/actuator/metrics/" + metric).body());
        return body.at("/measurements/0/value").asDouble();
    }
}
