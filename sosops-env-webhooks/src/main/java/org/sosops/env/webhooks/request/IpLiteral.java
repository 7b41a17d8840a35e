package org.sosops.env.webhooks.request;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Strict IP address literals, parsed here and never by {@link InetAddress#getByName}, which
 * resolves names through DNS ({@code abc}, {@code deadbeef}) and accepts the legacy short and
 * octal forms ({@code 10.1}, {@code 010.0.0.1}, {@code 0x0a.1.2.3}). IPv4 is exactly four decimal
 * parts 0–255 without leading zeros; IPv6 is eight groups of one to four hex digits, one
 * {@code ::} at most, an IPv4 tail allowed; no zone ids, no brackets.
 *
 * <pre>{@code
 * IpLiteral.parse("203.0.113.9");      // 4 bytes
 * IpLiteral.parse("2001:db8::1");      // 16 bytes
 * IpLiteral.parse("50.31.156");        // empty
 * }</pre>
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** The address bytes (4 or 16), or empty when the text is not a strict literal. */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        return Optional.ofNullable(text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text, 0, text.length()));
    }

    /** The address, built from its bytes (no lookup), or empty when not a strict literal. */
    public static Optional<InetAddress> address(String text) {
        return parse(text).map(IpLiteral::of);
    }

    static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always accepted", e);
        }
    }

    private static byte[] ipv4(String text, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && text.charAt(start) == '0') {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte[] ipv6(String text) {
        int n = text.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new byte[16];
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        byte[] tail = null;
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && i - start < 4 && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 0x80) {
                value = value << 4 | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // An IPv4 tail takes the last two groups.
                if (count > 6) {
                    return null;
                }
                tail = ipv4(text, start, n);
                if (tail == null) {
                    return null;
                }
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        int total = count + (tail == null ? 0 : 2);
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int[] full = new int[8];
        int missing = 8 - total;
        for (int g = 0, k = 0; g < count; g++, k++) {
            if (g == gap) {
                k += missing;
            }
            full[k] = groups[g];
        }
        for (int k = 0; k < 8; k++) {
            out[2 * k] = (byte) (full[k] >>> 8);
            out[2 * k + 1] = (byte) full[k];
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, 12, 4);
        }
        return out;
    }
}
