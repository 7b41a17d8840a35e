package org.sosops.env.core.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCredentialsTest {
    @Test
    void aUrlHasASchemeOfLettersDigitsAndPunctuationBeforeItsSlashes() {
        assertThat(UrlCredentials.isUrl("redis://cache:6379")).isTrue();
        assertThat(UrlCredentials.isUrl("jdbc:postgresql://db/x")).isTrue();
        assertThat(UrlCredentials.isUrl("svn+ssh://host")).isTrue();
        assertThat(UrlCredentials.isUrl("://host")).isFalse();
        assertThat(UrlCredentials.isUrl("1redis://host")).isFalse();
        assertThat(UrlCredentials.isUrl("my value://host")).isFalse();
        assertThat(UrlCredentials.isUrl("plain-text")).isFalse();
    }

    @Test
    void thePasswordOfAnyUrlIsDecodedButAPlusStaysAPlus() {
        assertThat(UrlCredentials.password("  amqp://guest:a+b%21c@mq/vhost  ").orElseThrow().reveal())
                .isEqualTo("a+b!c");
        assertThat(UrlCredentials.password("amqp://guest:50%zz@mq/vhost").orElseThrow().reveal())
                .as("a broken escape is kept as written").isEqualTo("50%zz");
        assertThat(UrlCredentials.password("amqp://guest@mq/vhost")).isEmpty();
        assertThat(UrlCredentials.password("see amqp://guest:pw@mq")).as("a URL value starts with its scheme").isEmpty();
    }

    @Test
    void aDatabaseUrlGivesItsPasswordAlsoFromTheQueryButNeverABlankOne() {
        assertThat(UrlCredentials.password("postgresql://db/sos?password=Zr8vQ2kL").orElseThrow().reveal())
                .isEqualTo("Zr8vQ2kL");
        assertThat(UrlCredentials.password("postgresql://sos:@db/sos")).isEmpty();
        assertThat(UrlCredentials.password("postgresql://sos@db/sos")).isEmpty();
    }

    @Test
    void findReportsThePositionOfTheFirstNonBlankPassword() {
        String text = "a=smtp://u:%20@mail b=redis://default:Zr8vQ2kL@cache";
        UrlCredentials.Found found = UrlCredentials.find(text, 0, text.length()).orElseThrow();

        assertThat(found.password().reveal()).isEqualTo("Zr8vQ2kL");
        assertThat(text.substring(found.start(), found.end())).isEqualTo("Zr8vQ2kL");
        assertThat(UrlCredentials.find(text, 0, text.indexOf(" b="))).isEmpty();
        assertThat(UrlCredentials.find("no url here", 0, 11)).isEmpty();
    }

    @Test
    void aSchemeGluedToTheEndOfALongWordIsNotTheStartOfAUrl() {
        // 26 letters: too long for a scheme, and no scheme starts inside a word.
        String text = "abcdefghijklmnopqrstuvwxyz://u:Zr8vQ2kL@host";
        assertThat(UrlCredentials.find(text, 0, text.length())).isEmpty();
    }
}
