package org.sosops.env.core.catalog;

import java.util.Optional;

/**
 * A strict split of a hierarchical URL ({@code scheme://[userinfo@]host[:port][/path][?query][#fragment]})
 * into raw parts. Hand-written rather than {@link java.net.URI} because every validation parses
 * several URLs and {@code URI} dominated its cost; it refuses what {@code URI} refuses for these
 * shapes (blanks, control and unsafe characters, bad percent escapes, a non-numeric port).
 *
 * @param host empty when the URL has none (e.g. {@code postgresql:///db}); IPv6 keeps its brackets
 * @param port {@code -1} when absent
 */
record UrlParts(String scheme, Optional<String> userInfo, String host, int port, String path, String query,
                Optional<String> fragment) {

    /** Printable ASCII a URL may carry unescaped (RFC 3986 reserved and unreserved characters, and '%'). */
    private static final boolean[] URL_CHARACTER = new boolean[128];
    /** Characters of a registered host name. */
    private static final boolean[] HOST_CHARACTER = new boolean[128];

    static {
        for (char c = 0x21; c < 0x7f; c++) {
            URL_CHARACTER[c] = "\"<>\\^`{|}".indexOf(c) < 0;
            HOST_CHARACTER[c] = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '~';
        }
    }

    static Optional<UrlParts> parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0 || !isScheme(url, schemeEnd) || !hasOnlySafeCharacters(url)) {
            return Optional.empty();
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = indexOfAny(url, authorityStart, "/?#");
        String authority = url.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        Optional<String> userInfo = at >= 0 ? Optional.of(authority.substring(0, at)) : Optional.empty();
        String hostPort = authority.substring(at + 1);
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || !isIpv6(hostPort, 1, close)) {
                return Optional.empty();
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return Optional.empty();
            }
            portText = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = hostPort.indexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            portText = colon >= 0 ? hostPort.substring(colon + 1) : "";
            if (!isRegisteredName(host)) {
                return Optional.empty();
            }
        }
        int port = -1;
        if (!portText.isEmpty()) {
            if (portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            port = Integer.parseInt(portText);
            if (port == 0 || port > 65535) {
                return Optional.empty();
            }
        }
        int queryStart = indexOfAny(url, authorityEnd, "?#");
        String path = url.substring(authorityEnd, queryStart);
        String query = "";
        Optional<String> fragment = Optional.empty();
        if (queryStart < url.length() && url.charAt(queryStart) == '?') {
            int hash = url.indexOf('#', queryStart);
            query = url.substring(queryStart + 1, hash < 0 ? url.length() : hash);
            if (hash >= 0) {
                fragment = Optional.of(url.substring(hash + 1));
            }
        } else if (queryStart < url.length()) {
            fragment = Optional.of(url.substring(queryStart + 1));
        }
        if (fragment.isPresent() && fragment.get().indexOf('#') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new UrlParts(url.substring(0, schemeEnd), userInfo, host, port, path, query, fragment));
    }

    private static boolean isScheme(String url, int end) {
        if (!isAsciiLetter(url.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = url.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** No blanks, controls, non-ASCII or characters a URL must escape; every '%' starts a valid escape. */
    private static boolean hasOnlySafeCharacters(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c >= 128 || !URL_CHARACTER[c]) {
                return false;
            }
            if (c == '%' && (i + 2 >= url.length() || !isHex(url.charAt(i + 1)) || !isHex(url.charAt(i + 2)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRegisteredName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 128 || !HOST_CHARACTER[c]) {
                return false;
            }
        }
        return !host.startsWith(".") && !host.startsWith("-") && !host.contains("..");
    }

    private static boolean isIpv6(String text, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!isHex(c) && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
