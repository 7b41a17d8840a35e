package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;

/** Which URL a refused Twilio request was really signed for, named with every difference. */
class TwilioUrlDiagnosisTest {
    private static final String TOKEN = "tok";
    private static final List<String[]> PAIRS = List.<String[]>of(new String[] {"MessageSid", "SM1"});

    /** A request signed for {@code signedUrl}, arriving at {@code path}?{@code query} with these headers. */
    private static WebhookRequest signedFor(String signedUrl, String path, String query, String... headers) throws Exception {
        WebhookRequest.Builder builder = WebhookRequest.builder("POST", path).query(query)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignatureVerifierTest.independentSignature(TOKEN, signedUrl, PAIRS))
                .body(TwilioSignatureVerifierTest.form(PAIRS).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private static Optional<String> diagnose(WebhookRequest request, String configured) {
        return TwilioUrlDiagnosis.diagnose(Secret.of(TOKEN), request, URI.create(configured));
    }

    @Test
    void theConfiguredUrlItselfIsNamedWithoutDifferences() throws Exception {
        assertThat(diagnose(signedFor("https://ops.example.org/hook", "/hook", null), "https://ops.example.org/hook"))
                .contains("the signature matches https://ops.example.org/hook");
    }

    @Test
    void theDefaultPortWrittenOutIsNoDifference() throws Exception {
        assertThat(diagnose(signedFor("https://ops.example.org:443/hook", "/hook", null), "https://ops.example.org/hook"))
                .contains("the signature matches https://ops.example.org:443/hook");
        assertThat(diagnose(signedFor("http://ops.example.org:80/hook", "/hook", null), "http://ops.example.org/hook"))
                .contains("the signature matches http://ops.example.org:80/hook");
    }

    @Test
    void aTrailingSlashOrAMissingQueryIsNamed() throws Exception {
        assertThat(diagnose(signedFor("https://ops.example.org/hook/", "/hook", null), "https://ops.example.org/hook"))
                .contains("the signature matches https://ops.example.org/hook/ (path /hook/ instead of /hook);"
                        + " set APP_URL and the provider's webhook URL to the same public URL");
        assertThat(diagnose(signedFor("https://ops.example.org/hook", "/hook/", null), "https://ops.example.org/hook/"))
                .hasValueSatisfying(text -> assertThat(text).contains("(path /hook instead of /hook/)"));
        assertThat(diagnose(signedFor("https://ops.example.org/hook", "/hook", "x=1"), "https://ops.example.org/hook?x=1"))
                .hasValueSatisfying(text -> assertThat(text).contains("https://ops.example.org/hook (without the query)"));
    }

    @Test
    void forwardedSchemeHostAndPortAreTried() throws Exception {
        WebhookRequest proxied = signedFor("http://internal.example.net:8081/hook", "/hook", null,
                "X-Forwarded-Proto", " HTTP ", "X-Forwarded-Host", "internal.example.net:9999", "X-Forwarded-Port", "8081");

        assertThat(diagnose(proxied, "https://ops.example.org/hook")).hasValueSatisfying(text -> assertThat(text)
                .contains("http://internal.example.net:8081/hook")
                .contains("scheme http instead of https, host internal.example.net instead of ops.example.org, port 8081"));
    }

    @Test
    void aPortThatWasLeftOutIsNamed() throws Exception {
        assertThat(diagnose(signedFor("https://ops.example.org/hook", "/hook", null), "https://ops.example.org:9443/hook"))
                .hasValueSatisfying(text -> assertThat(text).contains("(no port instead of 9443)"));
    }

    @Test
    void theHostHeaderGivesAHostAndAPortAndBracketsStayOnIpv6() throws Exception {
        assertThat(diagnose(signedFor("https://[2001:db8::1]:8444/hook", "/hook", null, "Host", "[2001:db8::1]:8444"),
                "https://ops.example.org/hook"))
                .hasValueSatisfying(text -> assertThat(text).contains("https://[2001:db8::1]:8444/hook")
                        .contains("host [2001:db8::1] instead of ops.example.org").contains("port 8444"));
        assertThat(diagnose(signedFor("https://[2001:db8::1]/hook", "/hook", null, "Host", "[2001:db8::1]"),
                "https://ops.example.org/hook"))
                .hasValueSatisfying(text -> assertThat(text).contains("https://[2001:db8::1]/hook ("));
    }

    @Test
    void onlyPortsInRangeAreTried() throws Exception {
        assertThat(diagnose(signedFor("https://ops.example.org:65535/hook", "/hook", null, "X-Forwarded-Port", "65535"),
                "https://ops.example.org/hook")).hasValueSatisfying(text -> assertThat(text).contains("port 65535"));
        assertThat(diagnose(signedFor("https://ops.example.org:1/hook", "/hook", null, "X-Forwarded-Port", "1"),
                "https://ops.example.org/hook")).hasValueSatisfying(text -> assertThat(text).contains("port 1)"));
        assertThat(diagnose(signedFor("https://ops.example.org:0/hook", "/hook", null, "X-Forwarded-Port", "0"),
                "https://ops.example.org/hook")).isEmpty();
        assertThat(diagnose(signedFor("https://ops.example.org:9999/hook", "/hook", null, "X-Forwarded-Port", "nine"),
                "https://ops.example.org/hook")).isEmpty();
    }

    @Test
    void aSchemeOtherThanHttpOrHttpsInTheForwardedHeaderIsIgnored() throws Exception {
        assertThat(diagnose(signedFor("ftp://ops.example.org/hook", "/hook", null, "X-Forwarded-Proto", "ftp"),
                "https://ops.example.org/hook")).isEmpty();
    }
}
