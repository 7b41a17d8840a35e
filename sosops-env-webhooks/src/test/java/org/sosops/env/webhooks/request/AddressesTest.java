package org.sosops.env.webhooks.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Strict IP literals, CIDR allowlists and the real source behind trusted proxies, byte by byte. */
class AddressesTest {

    private static String hex(String literal) {
        return IpLiteral.parse(literal).map(HexFormat.of()::formatHex).orElse("none");
    }

    private static InetAddress ip(String literal) {
        return IpLiteral.address(literal).orElseThrow();
    }

    @Test
    void ipv4LiteralsGiveTheirExactBytes() {
        assertThat(hex("203.0.113.9")).isEqualTo("cb007109");
        assertThat(hex("0.0.0.0")).isEqualTo("00000000");
        assertThat(hex("255.255.255.255")).isEqualTo("ffffffff");
        assertThat(hex("10.200.30.4")).isEqualTo("0ac81e04");
        for (String bad : List.of("1.2.3.04", "1.2.3.4a", "1234.1.1.1", "1.2.3", "1..2.3", ".1.2.3", "1.2.3.256", "")) {
            assertThat(IpLiteral.parse(bad)).as(bad).isEmpty();
        }
        assertThat(IpLiteral.parse(null)).isEmpty();
    }

    @Test
    void ipv6LiteralsGiveTheirExactBytesWhereverTheGapIs() {
        assertThat(hex("2001:db8::ff00:42:8329")).isEqualTo("20010db8000000000000ff0000428329");
        assertThat(hex("::1")).isEqualTo("00000000000000000000000000000001");
        assertThat(hex("1::")).isEqualTo("00010000000000000000000000000000");
        assertThat(hex("1:2:3:4:5:6:7::")).isEqualTo("00010002000300040005000600070000");
        assertThat(hex("ABCD:ef01:2345:6789:abcd:EF01:2345:6789")).isEqualTo("abcdef0123456789abcdef0123456789");
        assertThat(hex("::ffff:192.0.2.1")).isEqualTo("00000000000000000000ffffc0000201");
        assertThat(hex("1:2:3:4:5:6:1.2.3.4")).isEqualTo("00010002000300040005000601020304");
        assertThat(hex("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")).as("the longest literal, 45 characters")
                .isEqualTo("ffffffffffffffffffffffffffffffff");
        for (String bad : List.of("1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7", ":1::", "1:", "1:2:", "g::", "1:2:3:4:5:6:7:8::",
                "::1.2.3", "1:2:3:4:5:6:7:8:9:", "1::2:3:4:5:6:7:8", "12345::1", "1:2:3:4:5:6::7:8:9")) {
            assertThat(IpLiteral.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void anAllowlistMatchesByPrefixBitsAndFamily() {
        SourceAllowlist list = SourceAllowlist.parse("10.0.0.0/25, 192.0.2.7 2001:db8::/33 ");

        assertThat(list.allows(ip("10.0.0.127"))).isTrue();
        assertThat(list.allows(ip("10.0.0.128"))).isFalse();
        assertThat(list.allows(ip("10.0.1.1"))).isFalse();
        assertThat(list.allows(ip("192.0.2.7"))).isTrue();
        assertThat(list.allows(ip("192.0.2.8"))).isFalse();
        assertThat(list.allows(ip("2001:db8:7fff::1"))).isTrue();
        assertThat(list.allows(ip("2001:db8:8000::1"))).isFalse();
        assertThat(list.allows(ip("a00:1::"))).as("an IPv6 address is never in an IPv4 range").isFalse();
        assertThat(list.allows(Optional.of(ip("10.0.0.1")))).isTrue();
        assertThat(list.allows(Optional.empty())).as("an unknown source").isFalse();
        assertThat(list.isAny()).isFalse();
        assertThat(list).hasToString("[10.0.0.0/25, 192.0.2.7, 2001:db8::/33]");

        SourceAllowlist everything = SourceAllowlist.parse("0.0.0.0/0");
        assertThat(everything.contains(ip("203.0.113.9"))).isTrue();
        assertThat(everything.contains(ip("::1"))).isFalse();
        assertThat(SourceAllowlist.parse("10.0.0.0/8").contains(ip("10.255.255.255"))).isTrue();
        assertThat(SourceAllowlist.parse("10.0.0.0/8").contains(ip("11.0.0.0"))).isFalse();
        assertThat(SourceAllowlist.parse("10.0.0.1/32").contains(ip("10.0.0.1"))).isTrue();
        assertThat(SourceAllowlist.parse("10.0.0.1/32").contains(ip("10.0.0.0"))).isFalse();
        assertThat(SourceAllowlist.parse("10.0.0.1/31").contains(ip("10.0.0.0"))).isTrue();
        assertThat(SourceAllowlist.parse("10.0.0.1/31").contains(ip("10.0.0.2"))).isFalse();
    }

    @Test
    void anEmptyAllowlistAllowsEverySourceButContainsNone() {
        for (SourceAllowlist empty : List.of(SourceAllowlist.any(), SourceAllowlist.parse(" , "))) {
            assertThat(empty.isAny()).isTrue();
            assertThat(empty.allows(Optional.empty())).isTrue();
            assertThat(empty.allows(ip("203.0.113.9"))).isTrue();
            assertThat(empty.contains(ip("203.0.113.9"))).isFalse();
            assertThat(empty).hasToString("any");
        }
    }

    @Test
    void aBadEntryIsNamedByPositionAndALongOneIsShortened() {
        assertThatThrownBy(() -> SourceAllowlist.parse(" , 10.0.0.0/8,, 10.0.0.0/08"))
                .hasMessage("entry 2 ('10.0.0.0/08') has a prefix length outside 0-32");
        assertThatThrownBy(() -> SourceAllowlist.parse("2001:db8::/129"))
                .hasMessage("entry 1 ('2001:db8::/129') has a prefix length outside 0-128");
        assertThat(SourceAllowlist.parse("2001:db8::/128").contains(ip("2001:db8::"))).isTrue();
        assertThat(SourceAllowlist.parse("10.0.0.0/32").contains(ip("10.0.0.0"))).isTrue();
        String longEntry = "x".repeat(70);
        assertThatThrownBy(() -> SourceAllowlist.parse(longEntry))
                .hasMessageStartingWith("entry 1 ('" + "x".repeat(60) + "…')");
        assertThatThrownBy(() -> SourceAllowlist.parse("x".repeat(60)))
                .hasMessageStartingWith("entry 1 ('" + "x".repeat(60) + "')");
    }

    @Test
    void forwardedForIsReadFromTheRightAcrossHeaderLinesUpToThirtyTwoHops() {
        ClientAddress behind = ClientAddress.behind(SourceAllowlist.parse("10.0.0.0/8"));
        InetAddress peer = ip("10.0.0.100");

        assertThat(behind.forwardedFor(List.of("198.51.100.1, 10.0.0.2", "10.0.0.3"), peer)).isEqualTo(ip("198.51.100.1"));
        assertThat(behind.forwardedFor(List.of("10.0.0.1, 10.0.0.2"), peer)).as("all trusted: the left-most")
                .isEqualTo(ip("10.0.0.1"));
        assertThat(behind.forwardedFor(List.of(), peer)).isEqualTo(peer);

        assertThat(behind.forwardedFor(List.of("198.51.100.1, " + trustedHops(31)), peer)).isEqualTo(ip("198.51.100.1"));
        assertThat(behind.forwardedFor(List.of("198.51.100.1, " + trustedHops(32)), peer))
                .as("the 33rd hop is not read").isEqualTo(ip("10.0.1.1"));
    }

    @Test
    void withoutAPeerOrFromAnUntrustedPeerTheForwardedHeaderIsIgnored() {
        ClientAddress behind = ClientAddress.behind(SourceAllowlist.parse("10.0.0.0/8"));
        WebhookRequest noPeer = WebhookRequest.builder("POST", "/x").header("X-Forwarded-For", "198.51.100.1").build();

        assertThat(behind.source(noPeer)).isEmpty();
        assertThat(ClientAddress.behind(SourceAllowlist.any())).isSameAs(ClientAddress.direct());
    }

    @Test
    void aHopIsAnAddressWithAnOptionalPortAndIpv6IsBracketedForAPort() {
        assertThat(ClientAddress.parseHop("[2001:db8::1]")).contains(ip("2001:db8::1"));
        assertThat(ClientAddress.parseHop("[2001:db8::1]:8443")).contains(ip("2001:db8::1"));
        assertThat(ClientAddress.parseHop("2001:db8::1")).contains(ip("2001:db8::1"));
        assertThat(ClientAddress.parseHop("192.0.2.1:65535")).contains(ip("192.0.2.1"));
        for (String bad : List.of("[2001:db8::1", "[2001:db8::1]x", "[2001:db8::1]:", "[2001:db8::1]:123456", "[192.0.2.1]",
                "192.0.2.1:", "192.0.2.1:http", ":80", "unknown", "")) {
            assertThat(ClientAddress.parseHop(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void bucketsAreIpv4AddressesAndIpv6SlashSixtyFours() {
        assertThat(ClientAddress.bucket(Optional.empty())).isEqualTo("unknown");
        assertThat(ClientAddress.bucket(Optional.of(ip("192.0.2.1")))).isEqualTo("192.0.2.1");
        assertThat(ClientAddress.bucket(Optional.of(ip("2001:db8::1")))).isEqualTo("2001:db8:0:0::/64");
        assertThat(ClientAddress.bucket(Optional.of(ip("fe80:ab:cdef:12:1:2:3:4")))).isEqualTo("fe80:ab:cdef:12::/64");
    }

    private static String trustedHops(int count) {
        List<String> hops = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            hops.add("10.0." + i + ".1");
        }
        return String.join(", ", hops);
    }
}
