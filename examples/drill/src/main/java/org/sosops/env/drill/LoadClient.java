package org.sosops.env.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop load client: {@code threads} workers, each sending its next request as soon as
 * the previous answer arrives, for a fixed time. Bounded by design (time and loopback only).
 */
final class LoadClient {
    /** One answer, reported to an optional observer (e.g. to collect request ids). */
    record Answer(int status, String requestId, String retryAfter, String body) {
    }

    interface Observer {
        void answered(HttpRequest request, Answer answer);
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    LoadResult run(int threads, Duration duration, LongFunction<HttpRequest> requests, Observer observer)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        TransportErrors transportErrors = new TransportErrors();
        AtomicLong retryAfterMissing = new AtomicLong();
        ConcurrentLinkedQueue<long[]> latencyChunks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Map<Integer, Long>> statusChunks = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                Map<Integer, Long> statuses = new HashMap<>();
                while (System.nanoTime() < deadline) {
                    HttpRequest request = requests.apply(sequence.getAndIncrement());
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - sent;
                        if (n == latencies.length) {
                            latencies = java.util.Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                        statuses.merge(response.statusCode(), 1L, Long::sum);
                        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                        if (response.statusCode() == 429 && retryAfter == null) {
                            retryAfterMissing.incrementAndGet();
                        }
                        if (observer != null) {
                            observer.answered(request, new Answer(response.statusCode(),
                                    response.headers().firstValue("X-Request-Id").orElse(null), retryAfter,
                                    response.body()));
                        }
                    } catch (IOException e) {
                        transportErrors.count(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                latencyChunks.add(java.util.Arrays.copyOf(latencies, n));
                statusChunks.add(statuses);
            }, "load-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> byStatus = new HashMap<>();
        statusChunks.forEach(chunk -> chunk.forEach((k, v) -> byStatus.merge(k, v, Long::sum)));
        long total = latencyChunks.stream().mapToLong(c -> c.length).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] chunk : latencyChunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        Map<String, Long> causes = transportErrors.byCause();
        long errors = causes.values().stream().mapToLong(Long::longValue).sum();
        return LoadResult.of(total + errors, seconds, byStatus, all, causes, retryAfterMissing.get());
    }

    static HttpRequest.Builder post(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    }
}
