package org.sosops.env.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The edges of {@link SecretStrength}: surrounding blanks, the shortest templates, the thresholds. */
class SecretStrengthBoundariesTest {
    @ParameterizedTest
    @ValueSource(strings = {" secret", "secret ", "\tpassword\n", "  <key>  ", " ${A} ", "${}", "{{}}", "-here",
            "_here", " your-key"})
    void surroundingBlanksAreIgnoredAndTheShortestTemplatesCount(String value) {
        assertThat(SecretStrength.isPlaceholder(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<abcdefgh", "abcdefgh>", "${abcdefgh", "$abcdefgh}", "{{abcdefgh", "{abcdefgh}}",
            "{}}", "**", " your ", "here"})
    void halfATemplateIsNoTemplate(String value) {
        assertThat(SecretStrength.isPlaceholder(value)).isFalse();
    }

    @Test
    void nonAsciiCharactersAreCountedApartFromAscii() {
        assertThat(SecretStrength.distinctCharacters("\u0000@")).isEqualTo(2);
        assertThat(SecretStrength.distinctCharacters("@\u0080")).isEqualTo(2);
        assertThat(SecretStrength.distinctCharacters("0p")).isEqualTo(2);
        assertThat(SecretStrength.distinctCharacters("?\u007f")).isEqualTo(2);
        assertThat(SecretStrength.bitsPerChar("\u0080a")).isEqualTo(1.0);
    }

    @Test
    void exactlyEightDistinctCharactersAndThreeBitsAreEnough() {
        assertThat(SecretStrength.isLowEntropy("abcdefgh")).isFalse();
        assertThat(SecretStrength.isLowEntropy("aabbccddeeffgghh")).isFalse();
        assertThat(SecretStrength.isLowEntropy("abcdefg")).isTrue();
        assertThat(SecretStrength.isLowEntropy("aaaaaaaabcdefghi")).as("2.5 bits").isTrue();
    }

    @Test
    void longAndNonAsciiValuesAreMeasuredTheSameWay() {
        assertThat(SecretStrength.isLowEntropy("abcdefgh".repeat(16))).as("128 characters, 3 bits").isFalse();
        assertThat(SecretStrength.isLowEntropy("a".repeat(121) + "bcdefghi")).as("9 distinct, 0.5 bits").isTrue();
        assertThat(SecretStrength.isLowEntropy("abcdefg".repeat(20))).as("7 distinct").isTrue();
        assertThat(SecretStrength.isLowEntropy("abcdefg\u00e9")).as("8 distinct, 3 bits").isFalse();
        assertThat(SecretStrength.isLowEntropy("abcdef\u0080")).isTrue();
        assertThat(SecretStrength.isLowEntropy("abcdefg\u0080")).isFalse();
    }

    @Test
    void aValueOfExactlyTheMinimumLengthIsLongEnough() {
        String value = "pfhlBB6m3uIV85Ly1Iout8qgqW3C2P7a";
        assertThat(SecretStrength.weakness(value, value.length())).isEmpty();
        assertThat(SecretStrength.weakness(value, value.length() + 1))
                .contains("is 32 characters long; at least 33 are required");
    }
}
