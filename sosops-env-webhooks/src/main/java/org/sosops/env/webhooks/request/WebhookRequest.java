package org.sosops.env.webhooks.request;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One inbound webhook request as any HTTP stack sees it: method, path, raw query, headers, the
 * raw body bytes and the source address. Header names are matched case-insensitively. The body is
 * kept as received (never re-encoded), because signatures cover the exact bytes.
 *
 * <pre>{@code
 * WebhookRequest request = WebhookRequest.builder("POST", "/api/webhooks/twilio/inbound")
 *         .query(exchange.getRequestURI().getRawQuery())
 *         .header("X-Twilio-Signature", signature)
 *         .header("Content-Type", "application/x-www-form-urlencoded")
 *         .body(bytes)
 *         .sourceAddress(exchange.getRemoteAddress().getAddress())
 *         .build();
 * }</pre>
 */
public final class WebhookRequest {
    private final String method;
    private final String path;
    private final Optional<String> rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Optional<InetAddress> sourceAddress;
    /** Parsed on first use; a benign race at worst parses twice to the same immutable value. */
    private volatile Optional<FormBody> form;
    private volatile Optional<MediaType> contentType;

    private WebhookRequest(Builder builder) {
        this.method = builder.method;
        this.path = builder.path;
        this.rawQuery = Optional.ofNullable(builder.rawQuery).filter(q -> !q.isEmpty());
        Map<String, List<String>> copy = new LinkedHashMap<>();
        builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = builder.body;
        this.sourceAddress = Optional.ofNullable(builder.sourceAddress);
    }

    private WebhookRequest(WebhookRequest original, InetAddress sourceAddress) {
        this.method = original.method;
        this.path = original.path;
        this.rawQuery = original.rawQuery;
        this.headers = original.headers;
        this.body = original.body;
        this.sourceAddress = Optional.ofNullable(sourceAddress);
        this.form = original.form;
        this.contentType = original.contentType;
    }

    /** The same request from another source (the client behind a trusted proxy); nothing is copied. */
    public WebhookRequest withSourceAddress(InetAddress address) {
        return new WebhookRequest(this, address);
    }

    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    public String method() {
        return method;
    }

    /** The request path as received, without the query, e.g. {@code /api/webhooks/twilio/inbound}. */
    public String path() {
        return path;
    }

    /** The raw (still percent-encoded) query string without {@code ?}, when there is one. */
    public Optional<String> rawQuery() {
        return rawQuery;
    }

    /** Every header, names in lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** All values of one header (case-insensitive name); empty when absent. */
    public List<String> headerValues(String name) {
        // Lower-case names (the verifiers' own) skip the conversion and its garbage.
        List<String> values = headers.get(name);
        if (values == null) {
            values = headers.get(name.toLowerCase(Locale.ROOT));
        }
        return values == null ? List.of() : values;
    }

    /**
     * Whether {@code Content-Type} is exactly one well-formed media type equal to this one
     * (case-insensitive, parameters allowed); see {@link MediaType}.
     */
    public boolean hasMediaType(String mediaType) {
        return contentType().map(t -> t.is(mediaType.toLowerCase(Locale.ROOT))).orElse(false);
    }

    /**
     * The parsed {@code Content-Type}: empty when absent, repeated or not a well-formed media type
     * (so {@code application/x-www-form-urlencoded x} is no form for anyone).
     */
    public Optional<MediaType> contentType() {
        Optional<MediaType> parsed = contentType;
        if (parsed == null) {
            List<String> values = headerValues("content-type");
            parsed = values.size() == 1 ? MediaType.parse(values.get(0)) : Optional.empty();
            contentType = parsed;
        }
        return parsed;
    }

    /** Whether the body is form-encoded by the one content-type rule every reader shares. */
    public boolean isFormEncoded() {
        return hasMediaType(MediaType.FORM);
    }

    /**
     * The form parameters, parsed once per request by {@link FormBody} and shared by the signature
     * verifier and the replay check; empty when the body is not form-encoded or is malformed.
     */
    public Optional<FormBody> form() {
        Optional<FormBody> parsed = form;
        if (parsed == null) {
            parsed = isFormEncoded() ? FormBody.parse(body) : Optional.empty();
            form = parsed;
        }
        return parsed;
    }

    /** The first value of a header, when present. */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The media type of {@code Content-Type} in lower case without parameters, for messages; the
     * raw text (stripped, lower case, at most 100 characters) when it does not parse; empty when absent.
     */
    public String mediaType() {
        return contentType().map(MediaType::essence).orElseGet(() -> {
            String raw = String.join(", ", headerValues("content-type")).strip().toLowerCase(Locale.ROOT);
            return raw.length() > 100 ? raw.substring(0, 100) : raw;
        });
    }

    /** The raw body. The array is shared, not copied, for speed: callers must not modify it. */
    public byte[] body() {
        return body;
    }

    public Optional<InetAddress> sourceAddress() {
        return sourceAddress;
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }

    /** Builds a {@link WebhookRequest}; repeated {@link #header} calls add values. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String rawQuery;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private InetAddress sourceAddress;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        public Builder query(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        public Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(Objects.requireNonNull(value));
            return this;
        }

        public Builder headers(Map<String, ? extends List<String>> all) {
            all.forEach((name, values) -> values.forEach(v -> header(name, v)));
            return this;
        }

        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        public Builder sourceAddress(InetAddress address) {
            this.sourceAddress = address;
            return this;
        }

        public WebhookRequest build() {
            return new WebhookRequest(this);
        }
    }
}
