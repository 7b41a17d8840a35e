package org.sosops.env.webhooks.verify;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * Explains a Twilio signature mismatch: tries the usual proxy and tunnel variants of the URL
 * (other scheme, host from {@code Host}/{@code X-Forwarded-Host}, port, trailing slash, query)
 * and names the one that would have matched. Offline diagnosis only: the runtime verifier never
 * accepts such variants.
 *
 * <pre>{@code
 * Optional<String> why = TwilioUrlDiagnosis.diagnose(token, request, URI.create("https://example.org/api/webhooks/twilio/inbound"));
 * // "the signature matches http://example.org:8080/api/webhooks/twilio/inbound (scheme http instead of https, port 8080)"
 * }</pre>
 */
public final class TwilioUrlDiagnosis {
    private TwilioUrlDiagnosis() {
    }

    /**
     * @param url the URL the request was checked against
     * @return the matching variant and what differs, or empty when none matches (wrong token or body)
     */
    public static Optional<String> diagnose(Secret authToken, WebhookRequest request, URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        Set<String> schemes = new LinkedHashSet<>(List.of(scheme, scheme.equals("https") ? "http" : "https"));
        request.header("X-Forwarded-Proto").map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> s.equals("http") || s.equals("https")).ifPresent(schemes::add);
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(url.getHost());
        request.header("Host").map(TwilioUrlDiagnosis::hostOnly).ifPresent(hosts::add);
        request.header("X-Forwarded-Host").map(TwilioUrlDiagnosis::hostOnly).ifPresent(hosts::add);
        Set<Integer> ports = new LinkedHashSet<>(List.of(url.getPort(), -1, 443, 80, 8080, 8443, 3000));
        request.header("Host").flatMap(TwilioUrlDiagnosis::portOf).ifPresent(ports::add);
        request.header("X-Forwarded-Port").flatMap(p -> parsePort(p.strip())).ifPresent(ports::add);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        Set<String> paths = new LinkedHashSet<>(List.of(path, path.endsWith("/") && path.length() > 1
                ? path.substring(0, path.length() - 1) : path + "/"));
        List<Optional<String>> queries = new ArrayList<>();
        queries.add(Optional.ofNullable(url.getRawQuery()));
        if (url.getRawQuery() != null) {
            queries.add(Optional.empty());
        }
        for (String s : schemes) {
            for (String h : hosts) {
                for (int p : ports) {
                    for (String candidatePath : paths) {
                        for (Optional<String> q : queries) {
                            String base = s + "://" + h + (p < 0 ? "" : ":" + p);
                            WebhookRequest variant = withTarget(request, candidatePath, q);
                            if (TwilioSignatureVerifier.exactUrl(authToken, URI.create(base)).verify(variant).verified()) {
                                String full = base + candidatePath + q.map(x -> "?" + x).orElse("");
                                List<String> differences = differences(url, s, h, p, candidatePath, q);
                                return Optional.of(differences.isEmpty()
                                        ? "the signature matches " + full
                                        : "the signature matches " + full + " (" + String.join(", ", differences)
                                        + "); set APP_URL and the provider's webhook URL to the same public URL");
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> differences(URI url, String scheme, String host, int port, String path, Optional<String> query) {
        List<String> out = new ArrayList<>();
        if (!scheme.equalsIgnoreCase(url.getScheme())) {
            out.add("scheme " + scheme + " instead of " + url.getScheme());
        }
        if (!host.equalsIgnoreCase(url.getHost())) {
            out.add("host " + host + " instead of " + url.getHost());
        }
        if (port != url.getPort() && !(isDefault(scheme, port) && url.getPort() < 0)) {
            out.add(port < 0 ? "no port instead of " + url.getPort() : "port " + port);
        }
        String originalPath = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (!path.equals(originalPath)) {
            out.add("path " + path + " instead of " + originalPath);
        }
        if (!query.equals(Optional.ofNullable(url.getRawQuery()))) {
            out.add(query.isEmpty() ? "without the query" : "query " + query.get());
        }
        return out;
    }

    private static boolean isDefault(String scheme, int port) {
        return scheme.equals("https") ? port == 443 : port == 80;
    }

    private static WebhookRequest withTarget(WebhookRequest request, String path, Optional<String> query) {
        return WebhookRequest.builder(request.method(), path).query(query.orElse(null))
                .headers(request.headers()).body(request.body()).build();
    }

    private static String hostOnly(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            return h.substring(0, h.indexOf(']') + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static Optional<Integer> portOf(String hostHeader) {
        String h = hostHeader.strip();
        int colon = h.lastIndexOf(':');
        return colon < 0 || h.endsWith("]") ? Optional.empty() : parsePort(h.substring(colon + 1));
    }

    private static Optional<Integer> parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
