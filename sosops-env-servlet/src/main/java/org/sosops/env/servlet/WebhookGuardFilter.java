package org.sosops.env.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.webhooks.WebhookGuard;
import org.sosops.env.webhooks.WebhookResponse;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * Puts a {@link WebhookGuard} in front of the host's own servlets or controllers for the guard's
 * paths. For each request to one of them it caps the body before reading it ({@code 413}, the
 * host never called), hands method, path, raw query, every header (including
 * {@code X-Forwarded-For}, which the guard weighs) and the peer address to the guard, and writes
 * the guard's answer — status, {@code X-Request-Id}, {@code Retry-After} on 429 and a short
 * plain-text reason. A verified, new delivery instead goes down the filter chain to the host's
 * handler, whose request still has its whole body ({@link #REQUEST_ID_ATTRIBUTE} carries the id).
 * Other paths pass straight through.
 *
 * <p>The host's handler is the guard's handler: when it throws, or answers 5xx, the guard stores a
 * failure record and forgets the delivery id so the provider's retry is handled again.
 *
 * <pre>{@code
 * WebhookGuard guard = WebhookGuards.fromPolicy(EnvironmentPolicy.fromEnvironment());
 * FilterRegistration.Dynamic webhooks = servletContext.addFilter("sosopsWebhooks", new WebhookGuardFilter(guard));
 * webhooks.addMappingForUrlPatterns(null, false, guard.paths().toArray(String[]::new));
 * }</pre>
 */
public final class WebhookGuardFilter implements Filter {
    /** The request attribute holding the request id of a verified webhook. */
    public static final String REQUEST_ID_ATTRIBUTE = "org.sosops.env.webhooks.requestId";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookGuardFilter.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final WebhookGuard guard;
    private final Set<String> paths;
    private final int maxBodyBytes;
    private final AtomicLong oversized = new AtomicLong();

    /** A filter reading at most the guard's own body cap. */
    public WebhookGuardFilter(WebhookGuard guard) {
        this(guard, guard.maxBodyBytes());
    }

    /**
     * @param maxBodyBytes the most bytes read from a request; bigger bodies are answered 413 unread
     */
    public WebhookGuardFilter(WebhookGuard guard, int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body cap must be positive");
        }
        this.guard = Objects.requireNonNull(guard, "guard");
        this.paths = Set.copyOf(guard.paths());
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The paths the filter guards; map it to these. */
    public Set<String> paths() {
        return paths;
    }

    /** How many requests were refused 413 for their size since start (they never reach the guard). */
    public long oversizedCount() {
        return oversized.get();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String path = pathWithinApplication(request);
        if (!paths.contains(path)) {
            chain.doFilter(req, res);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            refuseOversized(request, response, path, declared + " bytes declared");
            return;
        }
        byte[] body = readCapped(request.getInputStream(), maxBodyBytes);
        if (body == null) {
            refuseOversized(request, response, path, "over " + maxBodyBytes + " bytes sent");
            return;
        }
        WebhookRequest webhook = toWebhookRequest(request, path, body);
        boolean[] handed = new boolean[1];
        WebhookResponse answer = guard.handle(webhook, (verified, requestId) -> {
            handed[0] = true;
            response.setHeader(WebhookResponse.REQUEST_ID_HEADER, requestId);
            chain.doFilter(new CachedBodyRequest(request, body, requestId), response);
            if (response.getStatus() >= 500) {
                // Counted as a processing failure, so the delivery is stored and a retry handled again.
                throw new HostHandlerFailed(response.getStatus());
            }
        });
        if (handed[0] && (answer.accepted() || response.isCommitted())) {
            return; // the host's handler wrote the answer
        }
        if (response.isCommitted()) {
            return;
        }
        if (handed[0]) {
            response.reset(); // drop whatever the failed handler buffered
        }
        write(response, answer);
    }

    private static void write(HttpServletResponse response, WebhookResponse answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType("text/plain;charset=utf-8");
        byte[] text = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }

    private void refuseOversized(HttpServletRequest request, HttpServletResponse response, String path, String size)
            throws IOException {
        String requestId = Optional.ofNullable(request.getHeader(WebhookResponse.REQUEST_ID_HEADER)).map(String::strip)
                .filter(id -> REQUEST_ID.matcher(id).matches()).orElseGet(() -> UUID.randomUUID().toString());
        long count = oversized.incrementAndGet();
        LOG.warn("webhook {} refused unread (request {}): body {}, the cap is {} ({} so far)", path, requestId, size,
                maxBodyBytes, count);
        response.setStatus(413);
        response.setHeader(WebhookResponse.REQUEST_ID_HEADER, requestId);
        // The unread rest of the body would otherwise be drained; close instead.
        response.setHeader("Connection", "close");
        response.setContentType("text/plain;charset=utf-8");
        byte[] text = "body-too-large".getBytes(StandardCharsets.UTF_8);
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }

    /** The body, or {@code null} as soon as it proves longer than {@code cap}: never more than cap + 1 bytes read. */
    static byte[] readCapped(InputStream in, int cap) throws IOException {
        byte[] buffer = new byte[Math.min(cap + 1, 8192)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > cap) {
                    return null;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) cap + 1, (long) buffer.length * 2));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        return length > cap ? null : length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    private static WebhookRequest toWebhookRequest(HttpServletRequest request, String path, byte[] body) {
        WebhookRequest.Builder webhook = WebhookRequest.builder(request.getMethod(), path).body(body)
                .query(request.getQueryString());
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (String value : Collections.list(request.getHeaders(name))) {
                webhook.header(name, value);
            }
        }
        source(request.getRemoteAddr()).ifPresent(webhook::sourceAddress);
        return webhook.build();
    }

    /** The container gives the peer as an IP literal; anything else is no address (never a DNS lookup). */
    static Optional<InetAddress> source(String address) {
        if (address == null || address.isEmpty() || !(address.indexOf(':') >= 0 || isDottedQuad(address))) {
            return Optional.empty();
        }
        try {
            String literal = address.startsWith("[") && address.endsWith("]")
                    ? address.substring(1, address.length() - 1) : address;
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isDottedQuad(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The host's handler answered 5xx without throwing. */
    static final class HostHandlerFailed extends Exception {
        private static final long serialVersionUID = 1L;

        HostHandlerFailed(int status) {
            super("the handler answered " + status, null, false, false);
        }
    }
}
