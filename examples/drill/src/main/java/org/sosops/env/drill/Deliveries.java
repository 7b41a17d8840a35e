package org.sosops.env.drill;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One-shot sends for the policy phases, each answer kept with its delivery (no retry, cause named). */
final class Deliveries {
    /** An answer, or the named cause of a transport error ({@code status} 0). */
    record Outcome(int status, String body, String retryAfter, String requestId, String transportCause) {
        /** Handled by the application: a 2xx that is not the guard's acknowledgement of a repeat. */
        boolean handled() {
            return status >= 200 && status < 300 && !"duplicate".equals(body);
        }

        boolean duplicate() {
            return status >= 200 && status < 300 && "duplicate".equals(body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Outcome send(HttpRequest request) {
        try {
            return outcome(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return new Outcome(0, null, null, null, TransportErrors.classify(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, null, null, null, "interrupted");
        }
    }

    CompletableFuture<Outcome> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Deliveries::outcome)
                .exceptionally(e -> new Outcome(0, null, null, null, TransportErrors.classify(e)));
    }

    private static Outcome outcome(HttpResponse<String> response) {
        return new Outcome(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("X-Request-Id").orElse(null), null);
    }
}
