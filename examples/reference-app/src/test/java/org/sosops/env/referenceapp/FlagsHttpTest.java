package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/dashboard/feature-flags/resolved}: every flag with its value and its source. */
class FlagsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static ReferenceApp app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"bulk_sms\": true}");
        variables.put("FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_123\": {\"new_inbox\": true, \"bulk_sms\": false}}");
        app = TestEnvironments.start(variables);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withoutAnOrganizationTheEnvironmentLevelAnswerIsServed() throws Exception {
        HttpResponse<String> response = get("/api/dashboard/feature-flags/resolved");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("organization_id").isNull()).isTrue();
        assertThat(body.get("environment").asText()).isEqualTo("local");
        assertThat(body.at("/flags/bulk_sms").toString()).isEqualTo("{\"value\":true,\"source\":\"env\"}");
        assertThat(body.at("/flags/new_inbox").toString()).isEqualTo("{\"value\":false,\"source\":\"default\"}");
    }

    @Test
    void anOrganizationOverrideWinsOverTheEnvironmentOverride() throws Exception {
        JsonNode body = JSON.readTree(get("/api/dashboard/feature-flags/resolved?organization_id=org_123").body());

        assertThat(body.get("organization_id").asText()).isEqualTo("org_123");
        assertThat(body.at("/flags/new_inbox").toString()).isEqualTo("{\"value\":true,\"source\":\"org\"}");
        assertThat(body.at("/flags/bulk_sms").toString()).isEqualTo("{\"value\":false,\"source\":\"org\"}");
        assertThat(body.at("/flags/volunteer_portal/source").asText()).isEqualTo("default");
    }

    @Test
    void anUnknownOrganizationGetsTheEnvironmentLevelValues() throws Exception {
        JsonNode body = JSON.readTree(get("/api/dashboard/feature-flags/resolved?organization_id=org_999").body());

        assertThat(body.get("organization_id").asText()).isEqualTo("org_999");
        assertThat(body.at("/flags/bulk_sms").toString()).isEqualTo("{\"value\":true,\"source\":\"env\"}");
    }

    @Test
    void aMalformedOrganizationIdIsA400() throws Exception {
        HttpResponse<String> response = get("/api/dashboard/feature-flags/resolved?organization_id=%0Aforged");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("organization_id");
    }

    @Test
    void malformedOverrideJsonRefusesToStartNamingTheVariable(@TempDir Path otherDir) {
        Map<String, String> variables = TestEnvironments.local(otherDir);
        variables.put("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"bulk_sms\": tru");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Launch launch = Main.launch(TestEnvironments.loader(variables), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(launch).isInstanceOf(Launch.Refused.class);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FEATURE_FLAG_ENV_OVERRIDES_JSON");
    }

    @Test
    void anOverrideOfAFlagTheApplicationDoesNotDeclareRefusesToStart(@TempDir Path otherDir) {
        Map<String, String> variables = TestEnvironments.local(otherDir);
        variables.put("FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"bulk_smss\": true}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Launch launch = Main.launch(TestEnvironments.loader(variables), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(launch).isEqualTo(new Launch.Refused(2));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bulk_smss");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return ReferenceAppHttpTest.send(HttpRequest.newBuilder(app.baseUri().resolve(path)).GET());
    }
}
