package org.sosops.env.webhooks.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * The delivery ids of each provider. Digests are stored as seen ids across restarts and versions,
 * so their format is pinned here: SHA-256 over length-prefixed (4 bytes, big-endian) parts.
 */
class DeliveryIdsTest {
    private static final String PATH = "/api/webhooks/twilio/status";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static WebhookRequest.Builder post(String path, String body) {
        return WebhookRequest.builder("POST", path).body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRequest form(String body) {
        return post(PATH, body).header("Content-Type", FORM).build();
    }

    /** SHA-256 over each part prefixed by its length, as documented for every digest id. */
    private static String digest(String prefix, String... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
        return prefix + HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void aTwilioStatusCallbackIsIdentifiedByItsSidAndStatus() {
        DeliveryIds ids = DeliveryIds.of("twilio", form("MessageSid=SM1&MessageStatus=delivered&To=%2B15550001"));

        assertThat(ids.signed()).containsExactly(PATH + " MessageSid=SM1 MessageStatus=delivered");
        assertThat(ids.unsigned()).isEmpty();
    }

    @Test
    void theMostSpecificTwilioKindWinsAndEachKindNeedsBothItsParameters() {
        assertThat(DeliveryIds.of("twilio", form("CallSid=CA1&CallStatus=completed&RecordingSid=RE1&RecordingStatus=completed"))
                .signed()).containsExactly(PATH + " RecordingSid=RE1 RecordingStatus=completed");
        assertThat(DeliveryIds.of("twilio", form("CallSid=CA1&CallStatus=ringing&RecordingSid=RE1")).signed())
                .containsExactly(PATH + " CallSid=CA1 CallStatus=ringing");
        assertThat(DeliveryIds.of("twilio", form("MessageSid=SM1&SmsStatus=received")).signed())
                .containsExactly(PATH + " MessageSid=SM1 SmsStatus=received");
        assertThat(DeliveryIds.of("twilio", form("SmsSid=SM2&SmsStatus=received")).signed())
                .containsExactly(PATH + " SmsSid=SM2 SmsStatus=received");
        assertThat(DeliveryIds.of("twilio", form("TranscriptionSid=TR1&TranscriptionStatus=completed")).signed())
                .containsExactly(PATH + " TranscriptionSid=TR1 TranscriptionStatus=completed");
    }

    @Test
    void aRepeatedSignedPairDoesNotChangeTheKeyButASecondValueDoes() {
        assertThat(DeliveryIds.of("twilio", form("MessageSid=SM1&MessageStatus=sent&MessageSid=SM1")).signed())
                .containsExactly(PATH + " MessageSid=SM1 MessageStatus=sent");
        assertThat(DeliveryIds.of("twilio", form("MessageSid=SM1&MessageStatus=sent&MessageSid=SM2")).signed())
                .containsExactly(PATH + " MessageSid=SM1,SM2 MessageStatus=sent");
    }

    @Test
    void aFormWithoutADeliveryIdIsItsPathQueryAndSortedDistinctParameters() throws Exception {
        String expected = digest("form-sha256:", PATH, "", "Body", "hello", "From", "+1555");

        assertThat(DeliveryIds.of("twilio", form("From=%2B1555&Body=hello")).signed()).containsExactly(expected);
        assertThat(DeliveryIds.of("twilio", form("Body=hello&From=%2B1555&Body=hello")).signed()).containsExactly(expected);
        WebhookRequest withQuery = post(PATH, "From=%2B1555&Body=hello").query("a=1").header("Content-Type", FORM).build();
        assertThat(DeliveryIds.of("twilio", withQuery).signed())
                .containsExactly(digest("form-sha256:", PATH, "a=1", "Body", "hello", "From", "+1555"));
    }

    @Test
    void aBodyHashCallbackIsItsPathSignedQueryAndBody() throws Exception {
        WebhookRequest json = post(PATH, "{\"a\":1}").query("bodySHA256=abc").header("Content-Type", "application/json").build();

        assertThat(DeliveryIds.of("twilio", json).signed())
                .containsExactly(digest("body-sha256:", PATH, "bodySHA256=abc", "{\"a\":1}"));
    }

    @Test
    void idempotencyTokensAreStrippedDistinctHintsAndBlankOnesAreDropped() {
        WebhookRequest request = post(PATH, "MessageSid=SM1&MessageStatus=sent").header("Content-Type", FORM)
                .header("I-Twilio-Idempotency-Token", " tok-1 ").header("I-Twilio-Idempotency-Token", "tok-1")
                .header("I-Twilio-Idempotency-Token", "  ").header("I-Twilio-Idempotency-Token", "tok-2").build();

        assertThat(DeliveryIds.of("twilio", request).unsigned()).containsExactly("token:tok-1", "token:tok-2");
    }

    @Test
    void sendGridIdsAreEveryDistinctEventIdOfTheBatch() {
        WebhookRequest batch = post("/email", "[{\"sg_event_id\":\"e1\",\"event\":\"delivered\"},"
                + "{\"event\":\"open\",\"nested\":{\"sg_event_id\":\"deep\"},\"sg_event_id\":\"e2\"},"
                + "{\"sg_event_id\":\"e1\"},{\"sg_event_id\":7}]").build();

        assertThat(DeliveryIds.of("sendgrid", batch).signed()).containsExactly("sg_event_id e1", "sg_event_id e2");
        assertThat(DeliveryIds.of("sendgrid", batch).unsigned()).isEmpty();
    }

    @Test
    void aSendGridBodyWithoutEventIdsOrNotJsonIsItsBodyDigest() throws Exception {
        assertThat(DeliveryIds.of("sendgrid", post("/email", "[{\"event\":\"open\"}]").build()).signed())
                .containsExactly(digest("body-sha256:", "/email", "", "[{\"event\":\"open\"}]"));
        assertThat(DeliveryIds.of("sendgrid", post("/email", "[{\"sg_event_id\":").query("q=1").build()).signed())
                .containsExactly(digest("body-sha256:", "/email", "", "[{\"sg_event_id\":"));
    }

    @Test
    void aStandardWebhookIsItsFirstWebhookIdOnItsPath() {
        WebhookRequest request = post("/hooks/generic", "{}").header("webhook-id", " msg_1 ").header("webhook-id", "msg_2").build();

        assertThat(DeliveryIds.of("standard", request).signed()).containsExactly("webhook-id /hooks/generic msg_1");
        assertThat(DeliveryIds.of("standard", post("/hooks/generic", "{}").build()).signed()).isEmpty();
    }

    @Test
    void anyOtherProviderIsThePathAndBodyWithoutTheUnsignedQuery() throws Exception {
        String expected = digest("body-sha256:", "/pm", "", "{\"RecordType\":\"Bounce\"}");

        assertThat(DeliveryIds.of("postmark", post("/pm", "{\"RecordType\":\"Bounce\"}").build()).signed())
                .containsExactly(expected);
        assertThat(DeliveryIds.of("postmark", post("/pm", "{\"RecordType\":\"Bounce\"}").query("x=1").build()).signed())
                .containsExactly(expected);
    }

    @Test
    void aBodyOfManyKilobytesIsPrefixedByItsWholeLength() throws Exception {
        String body = "x".repeat(70_000);

        assertThat(DeliveryIds.of("postmark", post("/pm", body).build()).signed())
                .containsExactly(digest("body-sha256:", "/pm", "", body));
    }

    @Test
    void lengthPrefixesKeepShiftedBoundariesApart() {
        assertThat(DeliveryIds.bodyDigest(post("/ab", "c").build(), false))
                .isNotEqualTo(DeliveryIds.bodyDigest(post("/a", "bc").build(), false));
    }

    @Test
    void theDescriptionCountsIdsWithoutShowingThem() {
        DeliveryIds ids = new DeliveryIds(List.of("MessageSid=SM1"), List.of("token:a", "token:b"));

        assertThat(ids).hasToString("DeliveryIds[signed 1, unsigned 2]");
    }
}
