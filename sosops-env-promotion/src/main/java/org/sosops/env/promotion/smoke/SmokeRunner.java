package org.sosops.env.promotion.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs post-deploy smoke checks with {@link HttpClient}: a timeout per request, and a retry with
 * doubling back-off after a connection error, a timeout, 429 or 5xx. Thread-safe.
 *
 * <pre>{@code
 * SmokeReport report = SmokeRunner.create().run(SmokeConfig.builder(URI.create(baseUrl)).build());
 * if (!report.ok()) { System.out.println(report.toText()); }
 * }</pre>
 */
public final class SmokeRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SmokeRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Sleeper sleeper;

    private SmokeRunner(HttpClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static SmokeRunner create() {
        return create(d -> Thread.sleep(d.toMillis()));
    }

    public static SmokeRunner create(Sleeper sleeper) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new SmokeRunner(client, Objects.requireNonNull(sleeper));
    }

    public SmokeReport run(SmokeConfig config) {
        List<SmokeResult> results = new ArrayList<>();
        for (SmokeCheck check : config.checks()) {
            results.add(runOne(check, config));
        }
        return new SmokeReport(config.baseUrl().toString(), results);
    }

    private SmokeResult runOne(SmokeCheck check, SmokeConfig config) {
        if (check.needsToken() && config.bearerToken().isEmpty()) {
            return skipped(check, "needs a bearer token (--bearer-token-env)");
        }
        if (check.needsOrganization() && config.organizationId().isEmpty()) {
            return skipped(check, "needs an organization id (--organization-id)");
        }
        String path = check.path().replace("{organization_id}",
                URLEncoder.encode(config.organizationId().orElse(""), StandardCharsets.UTF_8));
        URI uri = resolve(config.baseUrl(), path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Accept", "application/json").header("User-Agent", "sosops-env-smoke");
        if (check.requestBody().isPresent()) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(check.requestBody().get(), StandardCharsets.UTF_8));
        } else if (check.method().equals("POST")) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.GET();
        }
        // Public endpoints never see the token.
        if (check.sendsToken()) {
            config.bearerToken().ifPresent(t -> request.header("Authorization", "Bearer " + t.reveal()));
        }
        boolean anyResponse = false;
        String problem = "";
        OptionalInt status = OptionalInt.empty();
        int attempt = 0;
        while (attempt < config.attempts()) {
            attempt++;
            if (attempt > 1 && !pause(config, attempt)) {
                problem = "interrupted";
                break;
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                anyResponse = true;
                status = OptionalInt.of(response.statusCode());
                if (response.statusCode() == 429 || response.statusCode() >= 500) {
                    problem = "HTTP " + response.statusCode();
                    if (check.method().equals("POST")) {
                        break; // a send is never repeated once the application has answered
                    }
                    continue;
                }
                if (!check.accepts(response.statusCode())) {
                    problem = "expected HTTP " + check.expectation() + ", got " + response.statusCode();
                    break;
                }
                Optional<String> bodyProblem = checkBody(check, config, response.body());
                if (bodyProblem.isPresent()) {
                    problem = bodyProblem.get();
                    break;
                }
                return new SmokeResult(check.name(), path, SmokeResult.Outcome.PASSED, status, attempt, "", false);
            } catch (HttpTimeoutException e) {
                problem = "no answer within " + config.timeout().toMillis() + " ms";
                if (check.method().equals("POST")) {
                    break; // the send may have gone out: trying again could send twice
                }
            } catch (ConnectException e) {
                problem = "cannot connect to " + uri.getHost() + ":" + port(uri) + " (connection refused or unreachable)";
            } catch (IOException e) {
                problem = "request failed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            }
            LOG.debug("smoke check {} attempt {} failed: {}", check.name(), attempt, problem);
        }
        return new SmokeResult(check.name(), path, SmokeResult.Outcome.FAILED, status, attempt, problem, !anyResponse);
    }

    private boolean pause(SmokeConfig config, int attempt) {
        long factor = 1L << Math.min(attempt - 2, 20);
        Duration wait = config.backoff().multipliedBy(factor);
        try {
            sleeper.sleep(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<String> checkBody(SmokeCheck check, SmokeConfig config, String body) {
        if (check.body().isEmpty()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.of("the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return Optional.of("the body is not a JSON object");
        }
        return check.body().get().problem(json, config);
    }

    private static SmokeResult skipped(SmokeCheck check, String why) {
        return new SmokeResult(check.name(), check.path(), SmokeResult.Outcome.SKIPPED, OptionalInt.empty(), 0, why, false);
    }

    private static URI resolve(URI base, String path) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return URI.create(root + path);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
