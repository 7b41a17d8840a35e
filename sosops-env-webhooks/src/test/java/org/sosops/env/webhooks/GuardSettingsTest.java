package org.sosops.env.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.request.WebhookRequest;

/** The SOSOPS_WEBHOOK_* settings and provider variables the standard guard reads, and their errors. */
class GuardSettingsTest {
    @TempDir
    Path dir;

    private static EnvironmentPolicy policy(Map<String, String> variables) {
        return EnvironmentPolicy.loader().ignoreProcessSettings().processEnvironment(variables)
                .rules(RuleEngine.of(List.of())).load();
    }

    private Map<String, String> local() {
        Map<String, String> v = new HashMap<>();
        v.put("APP_ENV", "local");
        v.put("APP_URL", "https://ops.example.org");
        v.put("SOSOPS_WEBHOOK_DATA_DIR", dir.toString());
        return v;
    }

    private static String startUpError(Map<String, String> variables) {
        try {
            WebhookGuards.fromPolicy(policy(variables)).close();
        } catch (WebhookConfigurationException e) {
            return e.getMessage();
        }
        throw new AssertionError("the guard started");
    }

    @Test
    void theRefusedBodyCapIsBytesOrKibibytesUpToOneMebibyte() {
        for (String bad : List.of("16 KB", "-1", "12345678", "1e3")) {
            Map<String, String> v = local();
            v.put(WebhookGuards.REFUSED_BODY_CAP, bad);
            assertThat(startUpError(v)).as(bad)
                    .isEqualTo("SOSOPS_WEBHOOK_REFUSED_BODY_CAP must be a number of bytes or KiB, e.g. 16KiB");
        }
        for (String tooBig : List.of("1025KiB", "1048577")) {
            Map<String, String> v = local();
            v.put(WebhookGuards.REFUSED_BODY_CAP, tooBig);
            assertThat(startUpError(v)).as(tooBig).isEqualTo("SOSOPS_WEBHOOK_REFUSED_BODY_CAP must be at most 1024KiB");
        }
    }

    @Test
    void theRefusedBodyCapMayBeExactlyOneMebibyteInBytesOrKibibytes() {
        for (String atTheLimit : List.of("1048576", "1024KiB")) {
            Map<String, String> v = local();
            v.put(WebhookGuards.REFUSED_BODY_CAP, atTheLimit);
            JdbcDataSource host = new JdbcDataSource();
            host.setURL("jdbc:h2:mem:cap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            assertThatCode(() -> WebhookGuards.fromPolicy(policy(v), host).close()).as(atTheLimit).doesNotThrowAnyException();
        }
    }

    @Test
    void aMalformedDatabaseUrlOrPoolSizeIsNamedByItsVariableWithoutTheUrl() {
        Map<String, String> url = local();
        url.put("DATABASE_URL", "mysql://app:pw-9f8e7d6c@db.example.org/app");
        assertThat(startUpError(url)).startsWith("DATABASE_URL ").doesNotContain("pw-9f8e7d6c");

        Map<String, String> pool = local();
        pool.put("SOSOPS_DATABASE_POOL_SIZE", "lots");
        assertThat(startUpError(pool)).isEqualTo("SOSOPS_DATABASE_POOL_SIZE must be a whole number from 1 to 1000");
    }

    @Test
    void aTwilioTokenNeedsAUsableAppUrl() {
        Map<String, String> noUrl = local();
        noUrl.remove("APP_URL");
        noUrl.put("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100");
        assertThat(startUpError(noUrl)).isEqualTo("APP_URL is required to verify Twilio signatures (the public URL Twilio calls)");

        Map<String, String> badUrl = local();
        badUrl.put("APP_URL", "https://ops example.org");
        badUrl.put("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100");
        assertThat(startUpError(badUrl)).isEqualTo("APP_URL is not a valid URL");

        Map<String, String> relative = local();
        relative.put("APP_URL", "/relative");
        relative.put("TWILIO_AUTH_TOKEN", "5f0e1d2c3b4a59687766554433221100");
        assertThat(startUpError(relative)).startsWith("TWILIO_AUTH_TOKEN / APP_URL: ")
                .doesNotContain("5f0e1d2c3b4a59687766554433221100");
    }

    @Test
    void onlySendGridAndPostmarkAreEmailProviders() {
        Map<String, String> v = local();
        v.put("EMAIL_PROVIDER", " Mailgun ");
        v.put("EMAIL_WEBHOOK_SIGNING_SECRET", "some-signing-secret");
        assertThat(startUpError(v)).isEqualTo("EMAIL_PROVIDER must be sendgrid or postmark");
    }

    @Test
    void theConfiguredGuardServesTheDeclaredProvidersAndKeepsTheConfiguredPartOfARefusedBody() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("guardsettings")) {
            Map<String, String> v = local();
            v.put("DATABASE_URL", db.databaseUrl());
            v.put("SOSOPS_PROVIDERS", "postmark");
            v.put("EMAIL_PROVIDER", " POSTMARK ");
            v.put("EMAIL_WEBHOOK_SIGNING_SECRET", "a-postmark-shared-token-9f8e7d");
            v.put("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST", "192.0.2.0/24");
            v.put(WebhookGuards.REFUSED_BODY_CAP, "1KiB");
            v.put("SOSOPS_TRUSTED_PROXIES", "10.0.0.0/8");
            try (WebhookGuard guard = WebhookGuards.fromPolicy(policy(v))) {
                assertThat(guard.paths()).containsExactly(WebhookGuards.EMAIL_EVENTS);

                WebhookRequest fromOutside = WebhookRequest.builder("POST", WebhookGuards.EMAIL_EVENTS)
                        .header("X-Webhook-Token", "a-postmark-shared-token-9f8e7d").header("X-Forwarded-For", "192.0.2.9")
                        .body("x".repeat(2000).getBytes(StandardCharsets.UTF_8))
                        .sourceAddress(InetAddress.getByName("198.51.100.1")).build();
                WebhookResponse refused = guard.handle(fromOutside, (r, id) -> { });
                assertThat(refused.status()).isEqualTo(403);

                WebhookRequest viaProxy = WebhookRequest.builder("POST", WebhookGuards.EMAIL_EVENTS)
                        .header("X-Webhook-Token", "a-postmark-shared-token-9f8e7d").header("X-Forwarded-For", "192.0.2.9")
                        .body("{}".getBytes(StandardCharsets.UTF_8)).sourceAddress(InetAddress.getByName("10.0.0.1")).build();
                assertThat(guard.handle(viaProxy, (r, id) -> { }).status()).isEqualTo(200);

                FailureRecord stored = guard.failures().list(1).get(0);
                assertThat(stored.body()).hasSize(1024);
                assertThat(stored.truncated()).isTrue();
            }
        }
    }
}
