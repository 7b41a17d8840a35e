package org.sosops.env.referenceapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/messages}: nothing leaves without the recipient guard's consent. */
class MessagesEndpointTest {
    @TempDir
    static Path dataDir;
    private static ReferenceApp app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> variables = TestEnvironments.local(dataDir);
        variables.put("SOSOPS_RECIPIENT_ALLOWLIST", "+1 555 555 0100, @example.org");
        app = TestEnvironments.start(variables);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anAllowlistedRecipientIsAcceptedAsADryRunOutsideProd() throws Exception {
        HttpResponse<String> response = post("{\"channel\":\"sms\",\"to\":[\"(555) 555-0100\"],\"body\":\"Polls open at 7\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"status\":\"dry_run\"").contains("\"recipients\":1");
    }

    @Test
    void aWholeDomainEntryAllowsEveryAddressInIt() throws Exception {
        HttpResponse<String> response = post("{\"channel\":\"email\",\"to\":[\"Volunteer@Example.org\"],"
                + "\"subject\":\"Shift\",\"body\":\"See you Saturday\"}");

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void aBatchWithOneRecipientOffTheAllowlistIsRefusedWhole() throws Exception {
        HttpResponse<String> response = post("{\"channel\":\"sms\",\"to\":[\"+15555550100\",\"+15555550199\"],"
                + "\"body\":\"Polls open at 7\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\":\"recipient-not-allowlisted\"")
                .doesNotContain("+15555550199");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void malformedRequestsAre400NamingTheField() throws Exception {
        assertThat(post("{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> noRecipients = post("{\"channel\":\"sms\",\"to\":[],\"body\":\"x\"}");
        assertThat(noRecipients.statusCode()).isEqualTo(400);
        assertThat(noRecipients.body()).contains("to must be a non-empty array");
        HttpResponse<String> badChannel = post("{\"channel\":\"fax\",\"to\":[\"+15555550100\"],\"body\":\"x\"}");
        assertThat(badChannel.body()).contains("channel must be");
        HttpResponse<String> emailWithoutSubject = post("{\"channel\":\"email\",\"to\":[\"a@example.org\"],\"body\":\"x\"}");
        assertThat(emailWithoutSubject.body()).contains("subject is required");
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return ReferenceAppHttpTest.send(HttpRequest.newBuilder(app.baseUri().resolve("/api/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
