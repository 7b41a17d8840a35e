package org.sosops.env.webhooks.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parsers of untrusted webhook input, each tried with the forms an attacker would send. */
class ParsersTest {

    @Test
    void aFormMediaTypeParsesCaseInsensitivelyWithParametersAndNothingElseDoes() {
        assertThat(MediaType.parse("application/x-www-form-urlencoded")).get().matches(t -> t.is(MediaType.FORM));
        assertThat(MediaType.parse(" Application/X-WWW-Form-Urlencoded ; charset=UTF-8")).get()
                .matches(t -> t.is(MediaType.FORM) && t.parameters().get("charset").equals("UTF-8"));
        assertThat(MediaType.parse("application/x-www-form-urlencoded; charset=\"utf-8\"")).isPresent();
        for (String bad : List.of("application/x-www-form-urlencoded x", "application/x-www-form-urlencoded,text/plain",
                "application/", "/x", "application x-www-form-urlencoded", "application/x-www-form-urlencoded; charset",
                "application/x-www-form-urlencoded; charset=\"utf-8", "application/x-www-form-urlencoded\u0000", "")) {
            assertThat(MediaType.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void aRequestWithTwoContentTypesOrAMalformedOneIsNoFormForAnyReader() {
        WebhookRequest two = WebhookRequest.builder("POST", "/x").header("Content-Type", MediaType.FORM)
                .header("Content-Type", "application/json").body("a=1".getBytes(StandardCharsets.UTF_8)).build();
        WebhookRequest trailing = WebhookRequest.builder("POST", "/x")
                .header("Content-Type", "application/x-www-form-urlencoded x").body("a=1".getBytes(StandardCharsets.UTF_8)).build();

        assertThat(two.isFormEncoded()).isFalse();
        assertThat(two.form()).isEmpty();
        assertThat(trailing.isFormEncoded()).isFalse();
        assertThat(trailing.hasMediaType(MediaType.FORM)).isFalse();
    }

    @Test
    void formNamesAndValuesArePercentDecodedOnceAndAMalformedEscapeSpoilsTheWholeBody() {
        FormBody form = FormBody.parse("Message%53id=SM1&MessageStatus=sent+now&&x&Message%53id=SM1".getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        assertThat(form.values("MessageSid")).containsExactly("SM1", "SM1");
        assertThat(form.values("MessageStatus")).containsExactly("sent now");
        assertThat(form.values("x")).containsExactly("");
        assertThat(form.sortedDistinct()).extracting(FormBody.Parameter::nameText)
                .containsExactly("MessageSid", "MessageStatus", "x");
        for (String bad : List.of("a=%", "a=%4", "a=%zz", "%G1=1", "a=%4g")) {
            assertThat(FormBody.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
        }
    }

    @Test
    void ipLiteralsAreStrictAndNeverLookedUp() {
        assertThat(IpLiteral.parse("203.0.113.9")).get().extracting(b -> b.length).isEqualTo(4);
        assertThat(IpLiteral.parse("2001:db8::1")).get().extracting(b -> b.length).isEqualTo(16);
        assertThat(IpLiteral.parse("::ffff:192.0.2.1")).isPresent();
        assertThat(IpLiteral.parse("::")).isPresent();
        assertThat(IpLiteral.parse("1:2:3:4:5:6:7:8")).isPresent();
        for (String bad : List.of("50.31.156", "10.1", "0x0a.1.2.3", "010.0.0.1", "256.1.1.1", "1.2.3.4.5", "abc",
                "deadbeef", "localhost", "1.2.3.", "1:2:3:4:5:6:7:8:9", ":::", "1::2::3", "12345::", "fe80::1%eth0",
                "[::1]", "1.2.3.4 ", "١.2.3.4")) {
            assertThat(IpLiteral.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void aCidrListRefusesLegacyShortFormsAndNamesTheBadEntryByPosition() {
        assertThat(SourceAllowlist.parse("3.134.147.250/32, 50.31.156.0/24 2001:db8::/32")
                .allows(IpLiteral.address("50.31.156.6").orElseThrow())).isTrue();
        assertThatThrownBy(() -> SourceAllowlist.parse("3.134.147.250/32 50.31.156/24"))
                .hasMessageContaining("entry 2").hasMessageContaining("50.31.156/24");
        assertThatThrownBy(() -> SourceAllowlist.parse("deadbeef")).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> SourceAllowlist.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> SourceAllowlist.parse("10.0.0.0/+8")).hasMessageContaining("prefix length");
    }

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxiesAndReadFromTheRightWithThem() throws Exception {
        WebhookRequest request = WebhookRequest.builder("POST", "/x").header("X-Forwarded-For", "6.6.6.6, 198.51.100.7")
                .header("X-Forwarded-For", "10.0.0.5").sourceAddress(InetAddress.getByName("10.0.0.9")).build();

        assertThat(ClientAddress.direct().source(request)).contains(InetAddress.getByName("10.0.0.9"));
        assertThat(ClientAddress.behind(SourceAllowlist.parse("10.0.0.0/8")).source(request))
                .contains(InetAddress.getByName("198.51.100.7"));
        WebhookRequest fromOutside = WebhookRequest.builder("POST", "/x").header("X-Forwarded-For", "6.6.6.6")
                .sourceAddress(InetAddress.getByName("198.51.100.8")).build();
        assertThat(ClientAddress.behind(SourceAllowlist.parse("10.0.0.0/8")).source(fromOutside))
                .contains(InetAddress.getByName("198.51.100.8"));
        WebhookRequest garbage = WebhookRequest.builder("POST", "/x").header("X-Forwarded-For", "evil, 10.0.0.5")
                .sourceAddress(InetAddress.getByName("10.0.0.9")).build();
        assertThat(ClientAddress.behind(SourceAllowlist.parse("10.0.0.0/8")).source(garbage))
                .contains(InetAddress.getByName("10.0.0.5"));
        assertThat(ClientAddress.parseHop("[2001:db8::1]:443")).isPresent();
        assertThat(ClientAddress.parseHop("192.0.2.1:8080")).contains(InetAddress.getByName("192.0.2.1"));
    }

    @Test
    void ipv6NeighboursInOneSlash64ShareABucketAndIpv4AddressesDoNot() throws Exception {
        assertThat(ClientAddress.bucket(Optional.of(InetAddress.getByName("2001:db8:1:2::1"))))
                .isEqualTo(ClientAddress.bucket(Optional.of(InetAddress.getByName("2001:db8:1:2:ffff:1:2:3"))))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.bucket(Optional.of(InetAddress.getByName("2001:db8:1:3::1")))).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddress.bucket(Optional.of(InetAddress.getByName("192.0.2.1"))))
                .isNotEqualTo(ClientAddress.bucket(Optional.of(InetAddress.getByName("192.0.2.2"))));
    }
}
