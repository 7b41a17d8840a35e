package org.sosops.env.webhooks.request;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of CIDR ranges (IPv4 and IPv6) that source addresses must fall in. An empty list allows
 * every address.
 *
 * <pre>{@code
 * SourceAllowlist allow = SourceAllowlist.parse("3.134.147.250/32, 50.31.156.0/24");
 * allow.allows(InetAddress.getByName("50.31.156.6"));   // true
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
     * Parses comma- or space-separated CIDR ranges or single addresses (literal IPs only, no DNS).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static SourceAllowlist parse(String spec) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : spec.split("[,\\s]+")) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
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
        if (ranges.isEmpty()) {
            return true;
        }
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
        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            if (!host.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
            }
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + entry + "' has a bad prefix length");
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length out of range");
                }
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
