package org.sosops.env.referenceapp.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP request and its answer, as the endpoints see them: the Jetty types stay behind this
 * class so endpoints read like plain Java.
 *
 * <pre>{@code
 * exchange.json(200, Map.of("status", "ok"));
 * }</pre>
 */
public final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String requestId;
    private boolean answered;
    private byte[] body;

    Exchange(Request request, Response response, Callback callback, String requestId) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return request.getMethod();
    }

    /** The path as the client sent it, e.g. {@code /api/webhooks/twilio/inbound}. */
    public String path() {
        return Request.getPathInContext(request);
    }

    /** The raw query string, when there is one. */
    public Optional<String> rawQuery() {
        return Optional.ofNullable(request.getHttpURI().getQuery()).filter(q -> !q.isEmpty());
    }

    /** The full URI the server saw (scheme, Host header, path, query). */
    public URI uri() {
        return request.getHttpURI().toURI();
    }

    public Optional<String> queryParameter(String name) {
        Fields fields = Request.extractQueryParameters(request);
        return Optional.ofNullable(fields.getValue(name));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** Every request header, names as sent, repeated headers in order. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /** The peer's IP address (the direct TCP peer; the app does not trust forwarding headers). */
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /**
     * The body, already read by the router (without blocking a thread, within its cap).
     *
     * @return empty when the body is larger than {@code limit}
     */
    public Optional<byte[]> body(int limit) {
        byte[] bytes = body == null ? new byte[0] : body;
        return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
    }

    void body(byte[] bytes) {
        this.body = bytes;
    }

    public void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Answers with a JSON document. */
    public void json(int status, Object document) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer is not serializable as JSON", e);
        }
        send(status, "application/json", body);
    }

    /** Answers {@code {"error": code, "message": message, "request_id": id}}. */
    public void error(int status, String code, String message) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("error", code);
        document.put("message", message);
        document.put("request_id", requestId);
        json(status, document);
    }

    public void text(int status, String contentType, String body) {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public void empty(int status) {
        send(status, null, new byte[0]);
    }

    private void send(int status, String contentType, byte[] body) {
        if (answered) {
            throw new IllegalStateException("request " + requestId + " was already answered");
        }
        answered = true;
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    boolean answered() {
        return answered;
    }
}
