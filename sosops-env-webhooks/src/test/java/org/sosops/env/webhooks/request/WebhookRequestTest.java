package org.sosops.env.webhooks.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What any HTTP stack hands the guard: headers by any case, the raw query and body, the source. */
class WebhookRequestTest {

    @Test
    void headersAreFoundByAnyCaseAndKeptInOrder() {
        WebhookRequest request = WebhookRequest.builder("POST", "/x").header("X-Twilio-Signature", "a")
                .header("x-twilio-signature", "b").headers(Map.of("Host", List.of("example.org"))).build();

        assertThat(request.headerValues("X-TWILIO-SIGNATURE")).containsExactly("a", "b");
        assertThat(request.headerValues("x-twilio-signature")).containsExactly("a", "b");
        assertThat(request.header("X-Twilio-Signature")).contains("a");
        assertThat(request.header("host")).contains("example.org");
        assertThat(request.headerValues("absent")).isEmpty();
        assertThat(request.header("absent")).isEmpty();
        assertThat(request.headers()).containsOnlyKeys("x-twilio-signature", "host");
    }

    @Test
    void anEmptyQueryIsNoQuery() {
        assertThat(WebhookRequest.builder("POST", "/x").query("").build().rawQuery()).isEmpty();
        assertThat(WebhookRequest.builder("POST", "/x").build().rawQuery()).isEmpty();
        assertThat(WebhookRequest.builder("POST", "/x").query("a=%20").build().rawQuery()).contains("a=%20");
    }

    @Test
    void theMediaTypeIsTheEssenceOrTheRawTextCutForMessages() {
        assertThat(WebhookRequest.builder("POST", "/x").header("Content-Type", " Application/JSON; charset=utf-8").build()
                .mediaType()).isEqualTo("application/json");
        assertThat(WebhookRequest.builder("POST", "/x").header("Content-Type", " Text/Plain X ").build().mediaType())
                .isEqualTo("text/plain x");
        assertThat(WebhookRequest.builder("POST", "/x").header("Content-Type", "a/b").header("Content-Type", "c/d").build()
                .mediaType()).isEqualTo("a/b, c/d");
        assertThat(WebhookRequest.builder("POST", "/x").header("Content-Type", "x".repeat(150) + " y").build().mediaType())
                .isEqualTo("x".repeat(100));
        assertThat(WebhookRequest.builder("POST", "/x").build().mediaType()).isEmpty();
        assertThat(WebhookRequest.builder("POST", "/x").header("Content-Type", "APPLICATION/JSON").build()
                .hasMediaType("Application/Json")).isTrue();
    }

    @Test
    void theFormIsParsedOnlyForAFormContentType() {
        byte[] body = "a=1&b=2".getBytes(StandardCharsets.UTF_8);
        WebhookRequest form = WebhookRequest.builder("POST", "/x").header("Content-Type", MediaType.FORM).body(body).build();
        WebhookRequest json = WebhookRequest.builder("POST", "/x").header("Content-Type", "application/json").body(body).build();

        assertThat(form.isFormEncoded()).isTrue();
        assertThat(form.form()).get().satisfies(f -> assertThat(f.values("b")).containsExactly("2"));
        assertThat(form.form()).isSameAs(form.form());
        assertThat(json.isFormEncoded()).isFalse();
        assertThat(json.form()).isEmpty();
    }

    @Test
    void anotherSourceKeepsEverythingElse() throws Exception {
        WebhookRequest original = WebhookRequest.builder("POST", "/x").query("q=1").header("Content-Type", MediaType.FORM)
                .body("a=1".getBytes(StandardCharsets.UTF_8)).sourceAddress(InetAddress.getByName("10.0.0.1")).build();
        original.form();

        WebhookRequest moved = original.withSourceAddress(InetAddress.getByName("198.51.100.1"));

        assertThat(moved.sourceAddress()).contains(InetAddress.getByName("198.51.100.1"));
        assertThat(moved.method()).isEqualTo("POST");
        assertThat(moved.path()).isEqualTo("/x");
        assertThat(moved.rawQuery()).contains("q=1");
        assertThat(moved.headers()).isEqualTo(original.headers());
        assertThat(moved.body()).isSameAs(original.body());
        assertThat(moved.form()).isSameAs(original.form());
        assertThat(moved.contentType()).isEqualTo(original.contentType());
        assertThat(original.withSourceAddress(null).sourceAddress()).isEmpty();
    }

    @Test
    void itsDescriptionHasNoBodyOrHeaders() {
        WebhookRequest request = WebhookRequest.builder("POST", "/x").header("X-Twilio-Signature", "secret-ish")
                .body("abc".getBytes(StandardCharsets.UTF_8)).build();

        assertThat(request).hasToString("WebhookRequest[POST /x, 3 bytes]");
    }

    @Test
    void theBuilderRefusesMissingParts() {
        assertThatThrownBy(() -> WebhookRequest.builder(null, "/x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookRequest.builder("POST", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookRequest.builder("POST", "/x").body(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookRequest.builder("POST", "/x").header("A", null)).isInstanceOf(NullPointerException.class);
    }
}
