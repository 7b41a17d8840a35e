package org.sosops.env.referenceapp.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it cannot parse, a header too large) in the application's
 * JSON shape and with an {@code X-Request-Id}, so that no answer goes out without one.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attribute = request.getAttribute(RequestIds.HEADER);
        String requestId = attribute instanceof String id ? id
                : RequestIds.adoptOrCreate(Optional.ofNullable(request.getHeaders().get(RequestIds.HEADER)));
        int status = response.getStatus() >= 400 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("error", status < 500 ? "bad_request" : "internal_error");
        String reason = HttpStatus.getMessage(status);
        document.put("message", reason == null ? "HTTP " + status : reason);
        document.put("request_id", requestId);
        byte[] body;
        try {
            body = Exchange.JSON.writeValueAsBytes(document);
        } catch (Exception e) {
            body = ("{\"error\":\"internal_error\",\"request_id\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
