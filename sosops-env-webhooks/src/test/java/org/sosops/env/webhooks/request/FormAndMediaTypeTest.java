package org.sosops.env.webhooks.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a form body and a Content-Type value read as, by their public behaviour only. */
class FormAndMediaTypeTest {

    private static FormBody form(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void pairsAreDecodedInBodyOrderWithPlusAsSpaceAndEscapesAsBytes() {
        FormBody body = form("b=%2B1+555&a&=orphan&c=x%41y&d=%e2%82%AC&&");

        assertThat(body.parameters()).extracting(FormBody.Parameter::nameText).containsExactly("b", "a", "", "c", "d");
        assertThat(body.parameters()).extracting(FormBody.Parameter::valueText).containsExactly("+1 555", "", "orphan", "xAy", "€");
        assertThat(body.parameters().get(0)).hasToString("b=…");
        assertThat(form("").parameters()).isEmpty();
        assertThat(form("&&&").parameters()).isEmpty();
        assertThat(form("a=1=2").values("a")).containsExactly("1=2");
        assertThat(form("%41%42=%43").values("AB")).containsExactly("C");
    }

    @Test
    void aTruncatedEscapeAnywhereSpoilsTheBody() {
        for (String bad : List.of("a=%4", "a=%", "a=1%2&b=2", "%=1", "a=%g0", "a=%0g")) {
            assertThat(FormBody.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
        }
        assertThat(FormBody.parse("a=%41".getBytes(StandardCharsets.UTF_8))).isPresent();
    }

    @Test
    void atMostTwoThousandParametersAreRead() {
        String limit = "a=1&".repeat(FormBody.MAX_PARAMETERS);

        assertThat(FormBody.parse(limit.getBytes(StandardCharsets.UTF_8))).get()
                .satisfies(f -> assertThat(f.parameters()).hasSize(FormBody.MAX_PARAMETERS));
        assertThat(FormBody.parse((limit + "a=1").getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void sortedDistinctIsByteOrderOfNameThenValueWithExactRepeatsOnce() {
        FormBody body = form("z=1&%C3%A9=1&a=2&a=10&a=2&B=0");

        assertThat(body.sortedDistinct()).extracting(p -> p.nameText() + "=" + p.valueText())
                .containsExactly("B=0", "a=10", "a=2", "z=1", "é=1");
        assertThat(body.distinctValues("a")).containsExactly("10", "2");
        assertThat(body.values("a")).containsExactly("2", "10", "2");
        assertThat(body.values("missing")).isEmpty();
        assertThat(body.distinctValues("é")).containsExactly("1");
    }

    @Test
    void mediaTypeParametersAreNamedInLowerCaseWithQuotedValuesUnescaped() {
        MediaType type = MediaType.parse("Text/Plain;\tCharSet=\"u\\\"t\\\\f 8\" ; format=flowed;;").orElseThrow();

        assertThat(type.type()).isEqualTo("text");
        assertThat(type.subtype()).isEqualTo("plain");
        assertThat(type.essence()).isEqualTo("text/plain");
        assertThat(type.parameters()).isEqualTo(Map.of("charset", "u\"t\\f 8", "format", "flowed"));
        assertThat(MediaType.parse("a/b; x=1; X=2").orElseThrow().parameters()).isEqualTo(Map.of("x", "1"));
        assertThat(MediaType.parse("application/vnd.api+json").orElseThrow().essence()).isEqualTo("application/vnd.api+json");
        assertThat(MediaType.parse("a/b; q=\"tab\there\"").orElseThrow().parameters()).containsEntry("q", "tab\there");
        assertThat(MediaType.parse("a/b; q=\"\u00ff\"")).isPresent();
    }

    @Test
    void anythingOutsideTheGrammarIsNoMediaType() {
        for (String bad : List.of("a/b; charset=", "a/b; =x", "a/b; q=\"x\\", "a/b; q=\"a\u0001\"", "a/b; q=\"a\u007f\"",
                "a/b; q=\"\u0100\"", "a/b q", "a/b;q=1 x", "a\\b", "a/b; q=\"x\"y", "(a)/b")) {
            assertThat(MediaType.parse(bad)).as(bad).isEmpty();
        }
        assertThat(MediaType.parse(null)).isEmpty();
        String longest = "a/b; q=" + "x".repeat(1024 - 7);
        assertThat(MediaType.parse(longest)).isPresent();
        assertThat(MediaType.parse(longest + "x")).isEmpty();
    }

    @Test
    void isComparesTheWholeTypeAndSubtype() {
        MediaType json = MediaType.parse("application/json").orElseThrow();

        assertThat(json.is("application/json")).isTrue();
        assertThat(json.is("application/jsonx")).isFalse();
        assertThat(json.is("application/jso")).isFalse();
        assertThat(json.is("applicationXjson")).isFalse();
        assertThat(json.is("text/json")).isFalse();
        assertThat(json.is("application/xson")).isFalse();
    }
}
