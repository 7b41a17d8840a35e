package org.sosops.env.core.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The documented thresholds of {@link Likeness}, each checked on both sides of its boundary. */
class LikenessThresholdsTest {
    @Test
    void aProviderShapedTokenNeedsEightDistinctCharacters() {
        assertThat(Likeness.looksRealToken("abcdefgk")).isTrue();     // 8 distinct
        assertThat(Likeness.looksRealToken("abcdefgg")).isFalse();    // 7 distinct
        assertThat(Likeness.looksRealToken("your-token-abcdefgk")).isFalse();
    }

    @Test
    void aPasswordNeedsEightCharactersFiveDistinctAndNoWellKnownDefault() {
        assertThat(Likeness.looksRealPassword("Hk29fLq8")).isTrue();
        assertThat(Likeness.looksRealPassword("Hk29fLq")).isFalse();           // 7 characters
        assertThat(Likeness.looksRealPassword("abcdeaaa")).isTrue();           // 5 distinct
        assertThat(Likeness.looksRealPassword("abcdaaaa")).isFalse();          // 4 distinct
        assertThat(Likeness.looksRealPassword("Postgresql")).isFalse();        // a default, in any case
        assertThat(Likeness.looksRealPassword("your-pass-Hk29")).isFalse();    // a stand-in
    }

    @Test
    void aRandomValueNeedsSixteenCharacters() {
        assertThat(Likeness.looksRandom("Zr8vQ2kL9xT4mN7p")).isTrue();
        assertThat(Likeness.looksRandom("Zr8vQ2kL9xT4mN7")).isFalse();
    }

    @Test
    void hexNeedsThreeBitsPerCharacterAndBothDigitsAndLetters() {
        assertThat(Likeness.looksRandom("0011223344aabbcc")).isTrue();    // exactly 3.0 bits
        assertThat(Likeness.looksRandom("0011223344AABBCC")).isTrue();    // upper-case hex alike
        assertThat(Likeness.looksRandom("0099aaffAAFF1122")).isTrue();    // the ends of every hex range
        assertThat(Likeness.looksRandom("0011-2233-44aa-bbcc")).isTrue(); // dashes keep it hex (3.16 bits)
        assertThat(Likeness.looksRandom("0000112233aabbcc")).isFalse();   // 2.9 bits
        assertThat(Likeness.looksRandom("9081726354908172")).isFalse();   // no letter
        assertThat(Likeness.looksRandom("abcdefabcdefabcd")).isFalse();   // no digit
    }

    @Test
    void otherTextNeedsThreeAndAHalfBitsPerCharacter() {
        assertThat(Likeness.looksRandom("gghh1122jkmnpqrs")).isTrue();    // exactly 3.5 bits
        assertThat(Likeness.looksRandom("0011223344aabbgg")).isFalse();   // 3.0 bits, 'g' is not hex
        assertThat(Likeness.looksRandom("0011+2233+44aa+bbcc")).isFalse(); // '+' is not hex: 3.16 < 3.5
        assertThat(Likeness.looksRandom("Zr-vQ?kL!xT@mN#pW")).isFalse();  // no digit
        assertThat(Likeness.looksRandom("98#76@54!32$10%98")).isFalse();  // no letter
    }

    @Test
    void aBlankAnywhereMeansProseNotASecret() {
        assertThat(Likeness.looksRandom("Zr8vQ2kL\t9xT4mN7pW")).isFalse();
        assertThat(Likeness.looksRandom("Zr8vQ2kL9xT4mN7pW ")).isFalse();
    }

    @Test
    void standInWordsAnywhereInTheValueMarkIt() {
        assertThat(Likeness.isStandIn("sk_live_INSERT_KEY_Zr8vQ2")).isTrue();
        assertThat(Likeness.isStandIn("Zr8vQ2kL9xT4mN7p")).isFalse();
        assertThat(Likeness.looksRandom("Zr8vQ2kL9xT4mN7pDummy")).isFalse();
    }
}
