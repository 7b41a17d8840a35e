package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The strict URL split behind every URL format check: what it accepts, what it refuses, and each part. */
class UrlPartsTest {
    private static UrlParts parts(String url) {
        return UrlParts.parse(url).orElseThrow(() -> new AssertionError(url + " was refused"));
    }

    @Test
    void splitsEveryPart() {
        UrlParts url = parts("https://user:pw@Api.example.org:8443/a/b?x=1&y=2#top");

        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.userInfo()).contains("user:pw");
        assertThat(url.host()).isEqualTo("Api.example.org");
        assertThat(url.port()).isEqualTo(8443);
        assertThat(url.path()).isEqualTo("/a/b");
        assertThat(url.query()).isEqualTo("x=1&y=2");
        assertThat(url.fragment()).contains("top");
    }

    @Test
    void absentPartsAreEmptyAndThePortIsMinusOne() {
        UrlParts url = parts("https://host");

        assertThat(url.userInfo()).isEmpty();
        assertThat(url.port()).isEqualTo(-1);
        assertThat(url.path()).isEmpty();
        assertThat(url.query()).isEmpty();
        assertThat(url.fragment()).isEmpty();
        assertThat(parts("https://host:/p").port()).as("a colon without a port").isEqualTo(-1);
    }

    @Test
    void anEmptyUserInfoBeforeTheAtSignIsStillThere() {
        assertThat(parts("postgresql://@db/x").userInfo()).contains("");
        assertThat(parts("postgresql://@db/x").host()).isEqualTo("db");
    }

    @Test
    void aFragmentMayFollowThePathOrTheQueryOnce() {
        assertThat(parts("https://h/p#frag").fragment()).contains("frag");
        assertThat(parts("https://h/p#frag").query()).isEmpty();
        assertThat(parts("https://h/p?q=1#frag").fragment()).contains("frag");
        assertThat(parts("https://h/p?q=1#frag").query()).isEqualTo("q=1");
        assertThat(parts("https://h?q").path()).isEmpty();
        assertThat(UrlParts.parse("https://h/p#a#b")).isEmpty();
        assertThat(UrlParts.parse("https://h/p?q#a#b")).isEmpty();
        assertThat(UrlParts.parse("https://h/p##b")).isEmpty();
    }

    @Test
    void portsRunFromOneTo65535InAtMostFiveDigits() {
        assertThat(parts("https://h:65535").port()).isEqualTo(65535);
        assertThat(parts("https://h:1").port()).isEqualTo(1);
        assertThat(parts("https://h:5090").port()).isEqualTo(5090);
        assertThat(parts("https://h:00080").port()).isEqualTo(80);
        assertThat(UrlParts.parse("https://h:65536")).isEmpty();
        assertThat(UrlParts.parse("https://h:0")).isEmpty();
        assertThat(UrlParts.parse("https://h:000080")).isEmpty();
        assertThat(UrlParts.parse("https://h:8a")).isEmpty();
        assertThat(UrlParts.parse("https://h:54:32")).isEmpty();
        assertThat(UrlParts.parse("https://h:-1")).isEmpty();
    }

    @Test
    void anIpv6HostKeepsItsBracketsAndMayHaveAPort() {
        UrlParts url = parts("https://[::1]:8443/p");
        assertThat(url.host()).isEqualTo("[::1]");
        assertThat(url.port()).isEqualTo(8443);
        assertThat(parts("https://[::]").port()).isEqualTo(-1);
        assertThat(parts("https://[09af:AF::1]/").host()).isEqualTo("[09af:AF::1]");
        assertThat(parts("https://[::ffff:1.2.3.4]/").host()).isEqualTo("[::ffff:1.2.3.4]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[::1", "https://[]/", "https://[1]/", "https://[::g]/", "https://[::G]/",
            "https://[::1]x", "https://[::1]x:80"})
    void refusesMalformedIpv6Hosts(String url) {
        assertThat(UrlParts.parse(url)).isEmpty();
    }

    @Test
    void aSchemeStartsWithALetterAndHoldsLettersDigitsPlusMinusAndDots() {
        assertThat(parts("a0+b-c.d9://h").scheme()).isEqualTo("a0+b-c.d9");
        assertThat(parts("Z://h").scheme()).isEqualTo("Z");
        assertThat(UrlParts.parse("1ab://h")).isEmpty();
        assertThat(UrlParts.parse("a_b://h")).isEmpty();
        assertThat(UrlParts.parse("a:b://h")).isEmpty();
        assertThat(UrlParts.parse("a/b://h")).isEmpty();
        assertThat(UrlParts.parse("://h")).isEmpty();
        assertThat(UrlParts.parse("no-scheme")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://.host/", "https://-host/", "https://a..b/", "https://ho!st/", "https://ho*st/"})
    void refusesMalformedHostNames(String url) {
        assertThat(UrlParts.parse(url)).isEmpty();
    }

    @Test
    void acceptsHostNamesOfLettersDigitsDotsDashesUnderscoresAndTildes() {
        assertThat(parts("https://a-b.c_d~9/").host()).isEqualTo("a-b.c_d~9");
        assertThat(parts("https://host./").host()).isEqualTo("host.");
    }

    @Test
    void everyPercentStartsAValidEscape() {
        assertThat(parts("https://h/%0A%9f%Af%aF%41").path()).isEqualTo("/%0A%9f%Af%aF%41");
        for (String bad : new String[] {"%G0", "%g0", "%0G", "%0g", "%/0", "%:0", "%@0", "%`0", "%0/", "%0:", "%4", "%"}) {
            assertThat(UrlParts.parse("https://h/" + bad)).as(bad).isEmpty();
        }
    }

    @Test
    void refusesBlanksControlsNonAsciiAndCharactersThatMustBeEscaped() {
        for (String bad : new String[] {" ", "\t", "\u007f", "\u0080", "\u00e9", "\"", "<", ">", "\\", "^", "`", "{",
                "|", "}"}) {
            assertThat(UrlParts.parse("https://h/a" + bad + "b")).as("0x%x", (int) bad.charAt(0)).isEmpty();
        }
        assertThat(parts("https://h/!$&'()*+,;=~_.-:@").path()).isEqualTo("/!$&'()*+,;=~_.-:@");
    }

    @Test
    void theLastAtSignEndsTheUserInfo() {
        UrlParts url = parts("postgres://u:a@b@db/x");
        assertThat(url.userInfo()).contains("u:a@b");
        assertThat(url.host()).isEqualTo("db");
        assertThat(UrlParts.parse("https://h/p").map(UrlParts::userInfo)).contains(Optional.empty());
    }
}
