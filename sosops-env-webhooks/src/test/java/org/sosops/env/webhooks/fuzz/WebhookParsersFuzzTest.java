package org.sosops.env.webhooks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.replay.DeliveryIds;
import org.sosops.env.webhooks.request.ClientAddress;
import org.sosops.env.webhooks.request.FormBody;
import org.sosops.env.webhooks.request.IpLiteral;
import org.sosops.env.webhooks.request.MediaType;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.RejectReason;
import org.sosops.env.webhooks.verify.SendGridSignatureVerifier;
import org.sosops.env.webhooks.verify.StandardWebhooksVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;
import org.sosops.env.webhooks.verify.Verification;
import org.sosops.env.webhooks.verify.WebhookVerifier;

/**
 * Fuzz targets for every parser of untrusted webhook input. Each input is raw bytes split on
 * newlines into the request parts a caller controls (seed corpora in
 * {@code src/test/resources/.../WebhookParsersFuzzTestInputs/<target>/}). Properties: nothing throws,
 * a verifier never answers {@code verifier-error} (that is where an escaped exception lands) and
 * never verifies what nobody signed, and the parsers agree with each other.
 *
 * <p>{@code mvn -B verify} replays the seeds; {@code JAZZER_FUZZ=1} fuzzes one target for real
 * (see docs/fuzzing.md).
 */
class WebhookParsersFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final TwilioSignatureVerifier TWILIO = TwilioSignatureVerifier.withAuthToken(
            Secret.of("fuzz-token-0123456789abcdef"), URI.create("https://ops.example.org"));
    private static final SendGridSignatureVerifier SENDGRID = SendGridSignatureVerifier.withVerificationKey(Secret.of(
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA=="),
            CLOCK);
    private static final StandardWebhooksVerifier STANDARD = StandardWebhooksVerifier.withSecret(
            Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), CLOCK);

    @FuzzTest(maxDuration = "60s")
    void formBody(byte[] data) {
        Optional<FormBody> form = FormBody.parse(data);
        if (form.isEmpty()) {
            return;
        }
        // Re-encoding every decoded parameter and parsing again gives the same parameters.
        StringBuilder again = new StringBuilder();
        for (FormBody.Parameter p : form.get().parameters()) {
            if (again.length() > 0) {
                again.append('&');
            }
            again.append(percent(p.name())).append('=').append(percent(p.value()));
        }
        FormBody reparsed = FormBody.parse(again.toString().getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        List<FormBody.Parameter> before = form.get().parameters();
        assertThat(reparsed.parameters()).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(reparsed.parameters().get(i).compareTo(before.get(i))).isZero();
        }
        assertThat(form.get().sortedDistinct().size()).isLessThanOrEqualTo(before.size());
    }

    @FuzzTest(maxDuration = "60s")
    void contentType(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Optional<MediaType> type = MediaType.parse(text);
        WebhookRequest request = WebhookRequest.builder("POST", "/x").header("Content-Type", text).body(data).build();
        // The verifier's rule and the replay check's rule are the same rule.
        assertThat(request.isFormEncoded()).isEqualTo(type.map(t -> t.is(MediaType.FORM)).orElse(false));
        type.ifPresent(t -> assertThat(MediaType.parse(t.essence())).contains(new MediaType(t.type(), t.subtype(),
                java.util.Map.of())));
    }

    @FuzzTest(maxDuration = "60s")
    void twilioRequest(byte[] data) {
        List<String> parts = split(data, 4);
        WebhookRequest.Builder builder = WebhookRequest.builder("POST", "/api/webhooks/twilio/status")
                .header("X-Twilio-Signature", parts.get(0)).header("Content-Type", parts.get(1))
                .body(parts.get(3).getBytes(StandardCharsets.ISO_8859_1));
        if (!parts.get(2).isEmpty()) {
            builder.query(parts.get(2));
        }
        WebhookRequest request = builder.build();
        checkNeverForged(TWILIO, request);
        DeliveryIds ids = DeliveryIds.of("twilio", request);
        assertThat(ids.signed()).hasSize(1);
    }

    @FuzzTest(maxDuration = "60s")
    void sendGridSignature(byte[] data) {
        List<String> parts = split(data, 3);
        WebhookRequest request = WebhookRequest.builder("POST", "/api/webhooks/email/events")
                .header(SendGridSignatureVerifier.SIGNATURE_HEADER, parts.get(0))
                .header(SendGridSignatureVerifier.TIMESTAMP_HEADER, parts.get(1))
                .body(parts.get(2).getBytes(StandardCharsets.ISO_8859_1)).build();
        checkNeverForged(SENDGRID, request);
        assertThat(DeliveryIds.of("sendgrid", request).signed()).isNotEmpty();
    }

    @FuzzTest(maxDuration = "60s")
    void standardWebhooksHeaders(byte[] data) {
        List<String> parts = split(data, 4);
        WebhookRequest request = WebhookRequest.builder("POST", "/hooks/standard")
                .header(StandardWebhooksVerifier.ID_HEADER, parts.get(0))
                .header(StandardWebhooksVerifier.TIMESTAMP_HEADER, parts.get(1))
                .header(StandardWebhooksVerifier.SIGNATURE_HEADER, parts.get(2))
                .body(parts.get(3).getBytes(StandardCharsets.ISO_8859_1)).build();
        checkNeverForged(STANDARD, request);
        DeliveryIds.of("standard", request);
    }

    @FuzzTest(maxDuration = "60s")
    void forwardedFor(byte[] data) throws Exception {
        List<String> values = split(data, 3);
        InetAddress peer = InetAddress.getByName("10.0.0.9");
        WebhookRequest.Builder builder = WebhookRequest.builder("POST", "/x").sourceAddress(peer);
        values.forEach(v -> builder.header("X-Forwarded-For", v));
        WebhookRequest request = builder.build();
        Optional<InetAddress> source = ClientAddress.behind(SourceAllowlist.parse("10.0.0.0/8")).source(request);
        // The source is the peer or an address literally written in the header, never a looked-up name.
        assertThat(source).isPresent();
        if (!source.get().equals(peer)) {
            assertThat(String.join(",", values).split(",")).anySatisfy(entry ->
                    assertThat(ClientAddress.parseHop(entry.strip())).contains(source.get()));
        }
        assertThat(ClientAddress.direct().source(request)).contains(peer);
        assertThat(ClientAddress.bucket(source)).isNotEmpty();
    }

    @FuzzTest(maxDuration = "60s")
    void cidr(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Optional<byte[]> literal = IpLiteral.parse(text);
        if (literal.isPresent()) {
            // A literal we accept is one the JDK reads the same way (the JDK gets only literals here, no names).
            assertThat(literal.get().length).isIn(4, 16);
            assertThat(text).matches("[0-9a-fA-F:.]+");
            try {
                byte[] jdk = InetAddress.getByName(text).getAddress();
                byte[] ours = literal.get();
                if (jdk.length == 4 && ours.length == 16) {
                    ours = Arrays.copyOfRange(ours, 12, 16);   // the JDK folds ::ffff:a.b.c.d to IPv4
                }
                assertThat(ours).isEqualTo(jdk);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError("accepted a literal the JDK does not read: " + text, e);
            }
        }
        try {
            SourceAllowlist.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).startsWith("entry ");
        }
    }

    private static void checkNeverForged(WebhookVerifier verifier, WebhookRequest request) {
        Verification result = verifier.verify(request);
        assertThat(result.verified()).as("nobody signed this").isFalse();
        assertThat(((Verification.Rejected) result).reason()).isNotEqualTo(RejectReason.VERIFIER_ERROR);
    }

    private static List<String> split(byte[] data, int parts) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>(Arrays.asList(text.split("\n", parts)));
        while (out.size() < parts) {
            out.add("");
        }
        return out;
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
