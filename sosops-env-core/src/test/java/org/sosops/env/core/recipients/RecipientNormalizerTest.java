package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void acceptsARegionInAnyCaseAndRefusesAnUnknownOne() {
        assertThat(RecipientNormalizer.forRegion(" gb ").defaultRegion()).isEqualTo("GB");
        assertThatThrownBy(() -> RecipientNormalizer.forRegion("XX"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown phone region 'XX'");
    }

    @Test
    void readsNoNumberFromBlankTextOrTooShortANumber() {
        assertThat(us.phone("   ")).isEmpty();
        assertThat(us.phone("+1 555")).isEmpty();
    }

    @Test
    void foldsAddressesWithSurroundingSpaceOrCapitalsOnly() {
        assertThat(us.email("ada@example.org ")).contains("ada@example.org");
        assertThat(us.email(" ada@example.org")).contains("ada@example.org");
        assertThat(us.email("adA@example.org")).contains("ada@example.org");
        assertThat(us.email("Ada@example.org")).contains("ada@example.org");
        assertThat(us.email("ada@example.orZ")).contains("ada@example.orz");
        assertThat(us.email("")).isEmpty();
        assertThat(us.email(null)).isEmpty();
        assertThat(us.email("adé@example.org")).isEmpty();
    }

    @Test
    void keepsEveryCharacterAPlainLocalPartMayHave() {
        String local = "a.b_c-d+e!f#g$h%i&j'k*l/m=n?o^p`q{r|s}t~u9";
        assertThat(us.email(local + "@example.org")).contains(local + "@example.org");
        for (String bad : new String[] {"a(b", "a)b", "a,b", "a;b", "a:b", "a<b", "a>b", "a[b", "a]b", "a\\b", "a\"b"}) {
            assertThat(us.email(bad + "@example.org")).as(bad).isEmpty();
        }
    }

    @Test
    void refusesAnAddressWithAnOverlongPartOrAMisplacedDot() {
        assertThat(us.email("a".repeat(64) + "@example.org")).isPresent();
        assertThat(us.email("a".repeat(65) + "@example.org")).isEmpty();
        String domain = "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(63) + ".org";
        String longest = "a".repeat(254 - 1 - domain.length()) + "@" + domain;
        assertThat(longest).hasSize(254);
        assertThat(us.email(longest)).isPresent();
        assertThat(us.email("a" + longest)).isEmpty();
        assertThat(us.email("ada.@example.org")).isEmpty();
        assertThat(us.email("ada@")).isEmpty();
        assertThat(us.email("a@example.org")).contains("a@example.org");
    }

    @Test
    void refusesADomainWithAnEmptyLabelOrAHyphenAtALabelsEdge() {
        assertThat(us.email("ada@example..org")).isEmpty();
        assertThat(us.email("ada@.example.org")).isEmpty();
        assertThat(us.email("ada@example.org.")).isEmpty();
        assertThat(us.email("ada@example-.org")).isEmpty();
        assertThat(us.email("ada@example.-org")).isEmpty();
        assertThat(us.email("ada@example.org-")).isEmpty();
        assertThat(us.email("ada@ex_ample.org")).isEmpty();
        assertThat(us.email("ada@my-example.org")).contains("ada@my-example.org");
        assertThat(us.email("ada@a1.b2.org")).contains("ada@a1.b2.org");
        assertThat(us.email("ada@mail.z.org")).contains("ada@mail.z.org");
        assertThat(us.email("ada@zz9.org")).contains("ada@zz9.org");
        assertThat(us.email("z0@b0.org")).contains("z0@b0.org");
    }

    @Test
    void recognisesStrictE164AtItsLengthBounds() {
        assertThat(RecipientNormalizer.isStrictE164("+1234567")).isTrue();
        assertThat(RecipientNormalizer.isStrictE164("+123456")).isFalse();
        assertThat(RecipientNormalizer.isStrictE164("+123456789012345")).isTrue();
        assertThat(RecipientNormalizer.isStrictE164("+1555555010/")).isFalse();
        assertThat(RecipientNormalizer.isStrictE164("+1555555010:")).isFalse();
        assertThat(RecipientNormalizer.isStrictE164("+9999999")).isTrue();
        assertThat(RecipientNormalizer.isStrictE164("+1000000")).isTrue();
    }

    @Test
    void masksEveryShapeOfRecipient() {
        assertThat(RecipientNormalizer.mask(null)).isEqualTo("(empty)");
        assertThat(RecipientNormalizer.mask("")).isEqualTo("(empty)");
        assertThat(RecipientNormalizer.mask("@example.org")).isEqualTo("@example.org");
        assertThat(RecipientNormalizer.mask("5555550123")).isEqualTo("********23");
        assertThat(RecipientNormalizer.mask("+123")).isEqualTo("****");
        assertThat(RecipientNormalizer.mask("+1234")).isEqualTo("+1*34");
        assertThat(RecipientNormalizer.mask("12")).isEqualTo("**");
        assertThat(RecipientNormalizer.mask("123")).isEqualTo("*23");
    }
}
