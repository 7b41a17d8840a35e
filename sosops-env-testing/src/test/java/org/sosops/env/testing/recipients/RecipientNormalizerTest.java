package org.sosops.env.testing.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sosops.env.core.recipients.RecipientNormalizer;

class RecipientNormalizerTest {
    private final RecipientNormalizer us = RecipientNormalizer.forRegion("US");

    @Test
    void writesEveryFormOfANumberAsOneE164Number() {
        assertThat(us.phone("(555) 555-0100")).contains("+15555550100");
        assertThat(us.phone("+1 555 555 0100")).contains("+15555550100");
        assertThat(us.phone("+15555550100")).contains("+15555550100");
        assertThat(us.phone("1-555-555-0100")).contains("+15555550100");
        assertThat(us.phone("+44 20 7946 0018")).contains("+442079460018");
    }

    @Test
    void readsNumbersWithoutACountryPrefixInItsRegion() {
        assertThat(RecipientNormalizer.forRegion("GB").phone("020 7946 0018")).contains("+442079460018");
    }

    @Test
    void readsNoNumberFromTextOrImpossibleLengths() {
        assertThat(us.phone("call me")).isEmpty();
        assertThat(us.phone("12")).isEmpty();
        assertThat(us.phone("")).isEmpty();
        assertThat(us.phone(null)).isEmpty();
    }

    @Test
    void lowerCasesAddressesAndKeepsLowerCaseOnesAsTheyAre() {
        assertThat(us.email(" Ada.Lovelace+ops@Example.ORG ")).contains("ada.lovelace+ops@example.org");
        String plain = "ada@example.org";
        assertThat(us.email(plain).orElseThrow()).isSameAs(plain);
    }

    @Test
    void refusesWhatIsNotAPlainAddress() {
        assertThat(us.email("ada@example")).isEmpty();
        assertThat(us.email("ada@@example.org")).isEmpty();
        assertThat(us.email("@example.org")).isEmpty();
        assertThat(us.email("ada lovelace@example.org")).isEmpty();
        assertThat(us.email("ada@-example.org")).isEmpty();
        assertThat(us.email(".ada@example.org")).isEmpty();
    }

    @Test
    void recognisesStrictE164Only() {
        assertThat(RecipientNormalizer.isStrictE164("+15555550100")).isTrue();
        assertThat(RecipientNormalizer.isStrictE164("15555550100")).isFalse();
        assertThat(RecipientNormalizer.isStrictE164("+1 555 555 0100")).isFalse();
        assertThat(RecipientNormalizer.isStrictE164("+05555550100")).isFalse();
        assertThat(RecipientNormalizer.isStrictE164("+1234567890123456")).isFalse();
    }

    @Test
    void masksNumbersAndAddressesForLogs() {
        assertThat(RecipientNormalizer.mask("+15555550123")).isEqualTo("+1********23");
        assertThat(RecipientNormalizer.mask("ada@example.org")).isEqualTo("a***@example.org");
    }
}
