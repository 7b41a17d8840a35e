package org.sosops.env.webhooks.request;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of CIDR ranges (IPv4 and IPv6) that source addresses must fall in. An empty list allows
 * every address. Entries are strict literals ({@link IpLiteral}): no DNS, no legacy short or octal
 * forms, so {@code 50.31.156/24} is an error rather than {@code 50.31.0.156/24}.
 *
 * <pre>{@code
 * SourceAllowlist allow = SourceAllowlist.parse("3.134.147.250/32, 50.31.156.0/24");
 * allow.allows(IpLiteral.address("50.31.156.6").orElseThrow());   // true
 * }</pre>
 */
public final class SourceAllowlist {
    private static final SourceAllowlist ANY = new SourceAllowlist(List.of());

    private final List<Range> ranges;

    private SourceAllowlist(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static SourceAllowlist any() {
        return ANY;
    }

    /**
     * Parses comma- or space-separated CIDR ranges or single addresses (literal IPs only).
     *
     * @throws IllegalArgumentException naming the position and text of the bad entry
     */
    public static SourceAllowlist parse(String spec) {
        List<Range> ranges = new ArrayList<>();
        int position = 0;
        for (String entry : spec.split("[,\\s]+")) {
            if (!entry.isBlank()) {
                position++;
                ranges.add(Range.parse(entry.strip(), position));
            }
        }
        return new SourceAllowlist(ranges);
    }

    public boolean isAny() {
        return ranges.isEmpty();
    }

    /** Whether the address is allowed; an unknown address is allowed only by an empty list. */
    public boolean allows(Optional<InetAddress> address) {
        if (ranges.isEmpty()) {
            return true;
        }
        return address.isPresent() && allows(address.get());
    }

    public boolean allows(InetAddress address) {
        return ranges.isEmpty() || contains(address);
    }

    /** Whether a listed range holds the address (false for an empty list, unlike {@link #allows}). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.isEmpty() ? "any" : ranges.toString();
    }

    private record Range(byte[] network, int prefix, String text) {
        static Range parse(String entry, int position) {
            String shown = entry.length() > 60 ? entry.substring(0, 60) + "…" : entry;
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = IpLiteral.parse(host).orElseThrow(() -> new IllegalArgumentException("entry " + position
                    + " ('" + shown + "') is not an IPv4 dotted quad, an IPv6 literal or a CIDR range of one"));
            int prefix = network.length * 8;
            if (slash >= 0) {
                String bits = entry.substring(slash + 1);
                if (!bits.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(bits) > network.length * 8) {
                    throw new IllegalArgumentException("entry " + position + " ('" + shown
                            + "') has a prefix length outside 0-" + network.length * 8);
                }
                prefix = Integer.parseInt(bits);
            }
            return new Range(network, prefix, entry);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
