package org.sosops.env.webhooks.request;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The real source of a request and the rate-limit bucket it falls in. Without trusted proxies the
 * source is the TCP peer and forwarded headers are ignored (anyone can write them). With trusted
 * proxies ({@code SOSOPS_TRUSTED_PROXIES}) and a peer among them, the source is the right-most
 * {@code X-Forwarded-For} address that is not a trusted proxy: the left part of the header is the
 * client's to invent, the right part was appended by our own proxies.
 *
 * <pre>{@code
 * ClientAddress clients = ClientAddress.behind(SourceAllowlist.parse("10.0.0.0/8"));
 * Optional<InetAddress> source = clients.source(request);
 * String bucket = ClientAddress.bucket(source);   // "203.0.113.9" or "2001:db8:1:2::/64"
 * }</pre>
 */
public final class ClientAddress {
    private static final ClientAddress DIRECT = new ClientAddress(SourceAllowlist.any());
    /** More hops than any real chain of proxies; a longer header is read only this far from the right. */
    private static final int MAX_HOPS = 32;

    private final SourceAllowlist trustedProxies;

    private ClientAddress(SourceAllowlist trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** Trusts no proxy: the peer is the source. */
    public static ClientAddress direct() {
        return DIRECT;
    }

    public static ClientAddress behind(SourceAllowlist trustedProxies) {
        return trustedProxies.isAny() ? DIRECT : new ClientAddress(trustedProxies);
    }

    /** The source of this request (see the class comment); the peer when nothing better is known. */
    public Optional<InetAddress> source(WebhookRequest request) {
        Optional<InetAddress> peer = request.sourceAddress();
        if (trustedProxies.isAny() || peer.isEmpty() || !trustedProxies.contains(peer.get())) {
            return peer;
        }
        return Optional.of(forwardedFor(request.headerValues("x-forwarded-for"), peer.get()));
    }

    /** The right-most untrusted address of the header values (in order), else the left-most trusted one. */
    InetAddress forwardedFor(List<String> headerValues, InetAddress peer) {
        InetAddress nearest = peer;
        int hops = 0;
        for (int h = headerValues.size() - 1; h >= 0; h--) {
            String[] entries = headerValues.get(h).split(",", -1);
            for (int e = entries.length - 1; e >= 0; e--) {
                if (++hops > MAX_HOPS) {
                    return nearest;
                }
                Optional<InetAddress> hop = parseHop(entries[e].strip());
                if (hop.isEmpty()) {
                    // Our proxies write valid addresses; garbage came from the client: stop at the last trusted hop.
                    return nearest;
                }
                if (!trustedProxies.contains(hop.get())) {
                    return hop.get();
                }
                nearest = hop.get();
            }
        }
        return nearest;
    }

    /** One {@code X-Forwarded-For} entry: an address, {@code v4:port}, {@code [v6]} or {@code [v6]:port}. */
    public static Optional<InetAddress> parseHop(String entry) {
        String text = entry;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 < text.length() && !isPort(text.substring(close + 1))) {
                return Optional.empty();
            }
            return IpLiteral.address(text.substring(1, close)).filter(a -> a instanceof Inet6Address);
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon == text.lastIndexOf(':') && isPort(text.substring(colon))) {
            text = text.substring(0, colon);
        }
        return IpLiteral.address(text);
    }

    private static boolean isPort(String text) {
        return text.matches(":[0-9]{1,5}");
    }

    /**
     * The rate-limit bucket of a source: an IPv4 address as is, an IPv6 address by its /64 (one
     * subscriber usually holds a whole /64, so per-address buckets would be free to multiply).
     */
    public static String bucket(Optional<InetAddress> source) {
        if (source.isEmpty()) {
            return "unknown";
        }
        byte[] bytes = source.get().getAddress();
        if (bytes.length == 4) {
            return source.get().getHostAddress();
        }
        StringBuilder key = new StringBuilder(24);
        for (int g = 0; g < 4; g++) {
            if (g > 0) {
                key.append(':');
            }
            key.append(Integer.toHexString((bytes[2 * g] & 0xFF) << 8 | (bytes[2 * g + 1] & 0xFF)));
        }
        return key.append("::/64").toString();
    }
}
