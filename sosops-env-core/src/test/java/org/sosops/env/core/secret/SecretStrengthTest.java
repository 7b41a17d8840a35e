package org.sosops.env.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretStrengthTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "changeme", "CHANGE_ME_PLEASE", "change-me", "replace-me", "<secret>",
            "${TOKEN}", "{{ token }}", "your-api-key", "YOUR_TOKEN", "api-key-here", "key_here", "xxx", "XXXXXXXX",
            "***", "*****", "example", "example-token", "my-example", "placeholder", "dummy-value", "fake123",
            "sample-key", "todo", "TBD", "secret", "password", "Passw0rd", "token", "none", "null", "undefined",
            "test", "testing", "redacted", "..."})
    void recognisesPlaceholders(String value) {
        assertThat(SecretStrength.isPlaceholder(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pfhlBB6m3uIV85Ly1Iout8qgqW3C2P7ayGrGscYlyxSrPTBd", "9405896f43fe37a3121c944d43518dc5",
            "s3cr3t-but-real-Q8", "tokenized-Zk29", "x-api-Kq7", "**a"})
    void leavesRealLookingValuesAlone(String value) {
        assertThat(SecretStrength.isPlaceholder(value)).isFalse();
    }

    @Test
    void measuresEntropyPerCharacter() {
        assertThat(SecretStrength.bitsPerChar("")).isZero();
        assertThat(SecretStrength.bitsPerChar("aaaa")).isZero();
        assertThat(SecretStrength.bitsPerChar("abab")).isEqualTo(1.0);
        assertThat(SecretStrength.bitsPerChar("0123456789abcdef")).isEqualTo(4.0);
        assertThat(SecretStrength.bitsPerChar("ééaa")).isEqualTo(1.0);
    }

    @Test
    void countsDistinctCharactersIncludingNonAscii() {
        assertThat(SecretStrength.distinctCharacters("aabbcc")).isEqualTo(3);
        assertThat(SecretStrength.distinctCharacters("a~A0 é€é")).isEqualTo(7);
        assertThat(SecretStrength.distinctCharacters("")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "1212121212121212121212121212121212",
            "abcabcabcabcabcabcabcabcabcabcabcabc", "abcdefgabcdefgabcdefgabcdefgabcdefg"})
    void flagsRepeatedOrPatternedValuesAsLowEntropy(String value) {
        assertThat(SecretStrength.isLowEntropy(value)).isTrue();
    }

    @Test
    void explainsWeaknessWithoutTheValue() {
        assertThat(SecretStrength.weakness("changeme", 32)).contains("is a placeholder, not a real secret");
        assertThat(SecretStrength.weakness("Zk29vLq8", 32)).contains("is 8 characters long; at least 32 are required");
        assertThat(SecretStrength.weakness("ababababababababababababababababab", 32))
                .contains("has too little randomness (repeated or patterned characters)");
        assertThat(SecretStrength.weakness("pfhlBB6m3uIV85Ly1Iout8qgqW3C2P7ayGrGscYlyxSrPTBd", 32)).isEmpty();
    }
}
