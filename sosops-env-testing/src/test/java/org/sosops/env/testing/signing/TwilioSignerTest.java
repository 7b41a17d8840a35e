package org.sosops.env.testing.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.testing.junit.SosOpsEnvironment;
import org.sosops.env.testing.junit.SosOpsTestEnvironment;

/**
 * Checked two independent ways: Twilio's published test vectors (from its SDKs' test suites), and
 * Twilio's own Java validator ({@code com.twilio.security.RequestValidator}, test scope only).
 */
class TwilioSignerTest {
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final List<Map.Entry<String, String>> PARAMS = List.of(
            Map.entry("CallSid", "CA1234567890ABCDE"), Map.entry("Caller", "+14158675309"),
            Map.entry("Digits", "1234"), Map.entry("From", "+14158675309"), Map.entry("To", "+18005551212"));
    private final TwilioSigner signer = TwilioSigner.withAuthToken(Secret.of("12345"));

    @Test
    void reproducesTwilioPublishedFormVector() {
        assertThat(signer.formSignature(URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void sortsParametersAndTakesEachDistinctValueOfARepeatedOneInOrder() {
        List<Map.Entry<String, String>> repeated = List.of(Map.entry("Sid", "CA123"), Map.entry("SidAccount", "AC123"),
                Map.entry("Digits", "5678"), Map.entry("Digits", "1234"), Map.entry("Digits", "1234"));
        assertThat(signer.formSignature(URL, repeated)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    @Test
    void reproducesTwilioPublishedJsonVector() {
        byte[] body = "{\"property\": \"value\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);
        SignedWebhook signed = signer.signJson(URL, body);
        assertThat(signed.url()).isEqualTo(URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
        assertThat(signed.header(TwilioSigner.SIGNATURE_HEADER)).isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
    }

    @Test
    @SosOpsEnvironment(AppEnv.STAGING)
    void producesSignaturesTwilioOwnValidatorAccepts(SosOpsTestEnvironment env) throws Exception {
        Secret token = env.fake().secret("TWILIO_AUTH_TOKEN").orElseThrow();
        TwilioSigner twilio = TwilioSigner.withAuthToken(token);
        String url = env.fake().value("APP_URL").orElseThrow() + "/api/webhooks/twilio/status";
        List<Map.Entry<String, String>> params = List.of(Map.entry("MessageSid", "SM" + "0".repeat(32)),
                Map.entry("MessageStatus", "delivered"), Map.entry("To", "+15555550101"), Map.entry("Body", "Vote & smile é"));
        SignedWebhook form = twilio.signForm(url, params);
        Map<String, String> asMap = new LinkedHashMap<>();
        params.forEach(p -> asMap.put(p.getKey(), p.getValue()));
        RequestValidator validator = new RequestValidator(token.reveal());
        assertThat(validator.validate(url, asMap, form.header(TwilioSigner.SIGNATURE_HEADER))).isTrue();
        assertThat(form.bodyText()).contains("Body=Vote+%26+smile+%C3%A9");

        String body = "{\"event\":\"delivered\",\"to\":\"+15555550101\"}";
        SignedWebhook json = twilio.signJson(url + "?source=test", body.getBytes(StandardCharsets.UTF_8));
        assertThat(validator.validate(json.url(), body, json.header(TwilioSigner.SIGNATURE_HEADER))).isTrue();
        assertThat(validator.validate(json.url(), body + " ", json.header(TwilioSigner.SIGNATURE_HEADER))).isFalse();
    }
}
