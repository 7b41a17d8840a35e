package org.sosops.env.webhooks.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one form parser's decoding and its signing order, as the Twilio signature and the replay key
 * read them: {@code sortedDistinct} and the bytes {@code writeSortedDistinctTo} hands a Mac.
 */
class FormBodyTest {

    private static FormBody parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    /** What {@code writeSortedDistinctTo} writes, as text. */
    private static String signedText(FormBody form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        form.writeSortedDistinctTo(out::write);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> sortedPairs(FormBody form) {
        return form.sortedDistinct().stream().map(p -> p.nameText() + "=" + p.valueText()).toList();
    }

    @Test
    void percentEscapesAndPlusDecodeInNamesAndValuesAlike() {
        FormBody form = parse("Na%6De+1=a%2Bb+c%20d&%E2%82%AC=%e2%82%ac");

        assertThat(form.values("Name 1")).containsExactly("a+b c d");
        assertThat(form.values("\u20ac")).containsExactly("\u20ac");
        assertThat(signedText(form)).isEqualTo("Name 1a+b c d\u20ac\u20ac");
    }

    @Test
    void emptyValuesAndBareNamesAreSignedAsTheNameAlone() {
        FormBody form = parse("ErrorCode=&flag&To=%2B1");

        assertThat(form.values("ErrorCode")).containsExactly("");
        assertThat(form.values("flag")).containsExactly("");
        assertThat(signedText(form)).isEqualTo("ErrorCodeTo+1flag");
    }

    @Test
    void namesSharingAPrefixSortShorterFirstThenByTheNextByte() {
        FormBody form = parse("Messages=4&MessageStatus=sent&Message=1&MessageSid=SM1&Message_=5&MessageSid0=6");

        assertThat(sortedPairs(form)).containsExactly("Message=1", "MessageSid=SM1", "MessageSid0=6",
                "MessageStatus=sent", "Message_=5", "Messages=4");
        assertThat(signedText(form)).isEqualTo("Message1MessageSidSM1MessageSid06MessageStatussentMessage_5Messages4");
    }

    @Test
    void aRepeatedNameKeepsEveryDistinctValueSortedAndAnExactRepeatOnce() {
        FormBody form = parse("Tag=zeta&Tag=alpha&Tag=zeta&Tag=&MediaUrl0=u&MediaUrl0=u");

        assertThat(form.values("Tag")).containsExactly("zeta", "alpha", "zeta", "");
        assertThat(form.distinctValues("Tag")).containsExactly("", "alpha", "zeta");
        assertThat(form.parameters()).hasSize(6);
        assertThat(signedText(form)).isEqualTo("MediaUrl0uTagTagalphaTagzeta");
    }

    @Test
    void nonAsciiSortsByCodePointOfTheDecodedUtf8() {
        // U+00E9 (C3 A9) after 'z'; U+FF21 (EF BC A1) before U+1F44B (F0 9F 91 8B), unlike UTF-16 order
        // for the surrogate pair.
        FormBody form = parse("%F0%9F%91%8B=wave&%EF%BC%A1=fullwidth&%C3%A9=e&z=1&A=2");

        assertThat(sortedPairs(form)).containsExactly("A=2", "z=1", "\u00e9=e", "\uff21=fullwidth", "\ud83d\udc4b=wave");
    }

    @Test
    void theSignedBytesFollowTheSortedParametersWhateverTheBodyOrder() {
        FormBody shuffled = parse("To=%2B2&From=%2B1&Body=hi+there&AccountSid=AC1");
        FormBody sorted = parse("AccountSid=AC1&Body=hi+there&From=%2B1&To=%2B2");

        assertThat(signedText(shuffled)).isEqualTo("AccountSidAC1Bodyhi thereFrom+1To+2").isEqualTo(signedText(sorted));
        assertThat(shuffled.parameters()).extracting(FormBody.Parameter::nameText)
                .containsExactly("To", "From", "Body", "AccountSid");
    }

    @Test
    void anEmptyBodyOrOneOfOnlySeparatorsHasNoParametersAndSignsNothing() {
        for (String body : List.of("", "&", "&&&")) {
            FormBody form = parse(body);
            assertThat(form.parameters()).as(body).isEmpty();
            assertThat(signedText(form)).as(body).isEmpty();
        }
    }

    @Test
    void aParameterHandsOutCopiesSoNoReaderCanChangeWhatIsSigned() {
        FormBody form = parse("MessageSid=SM1");
        FormBody.Parameter p = form.parameters().get(0);

        p.name()[0] = 'X';
        p.value()[0] = 'X';

        assertThat(p.nameText()).isEqualTo("MessageSid");
        assertThat(form.values("MessageSid")).containsExactly("SM1");
        assertThat(signedText(form)).isEqualTo("MessageSidSM1");
    }

    @Test
    void oneMoreThanTheParameterLimitIsRefusedAndTheLimitItselfIsNot() {
        String atLimit = "a=1&".repeat(FormBody.MAX_PARAMETERS);
        assertThat(FormBody.parse(atLimit.getBytes(StandardCharsets.US_ASCII))).get()
                .extracting(f -> f.sortedDistinct().size()).isEqualTo(1);
        assertThat(FormBody.parse((atLimit + "b=2").getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
