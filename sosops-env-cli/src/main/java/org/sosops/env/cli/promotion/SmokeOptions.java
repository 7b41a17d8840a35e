package org.sosops.env.cli.promotion;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.promotion.smoke.SeedList;
import org.sosops.env.promotion.smoke.SmokeConfig;
import picocli.CommandLine.Option;

/** The smoke options shared by {@code smoke} and {@code launch-gate}. */
final class SmokeOptions {
    @Option(names = "--organization-id", paramLabel = "ID",
            description = "Also check this organization's endpoints (resolved flags, seed-list checks that need one).")
    String organizationId;

    @Option(names = "--bearer-token-env", paramLabel = "VAR",
            description = "Read a bearer token from this environment variable; enables the authenticated checks.")
    String bearerTokenEnv;

    @Option(names = "--expect-environment", paramLabel = "ENV",
            description = "The environment /api/health must report.")
    String expectedEnvironment;

    @Option(names = "--seed", paramLabel = "FILE", description = "The application's own smoke endpoints (JSON seed list).")
    Path seed;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "Time allowed per request (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Tries per check; connection errors, timeouts, 429 and 5xx are retried (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--backoff-ms", paramLabel = "MS", defaultValue = "500",
            description = "Wait before the second try, doubled for each further try (default: ${DEFAULT-VALUE}).")
    long backoffMillis;

    SmokeConfig config(String baseUrl, Map<String, String> environment, Optional<String> defaultExpectedEnvironment) {
        URI uri = baseUri(baseUrl);
        if (attempts < 1 || timeoutMillis < 1 || backoffMillis < 0) {
            throw new InputException("--attempts and --timeout-ms must be at least 1, --backoff-ms at least 0");
        }
        SmokeConfig.Builder builder = SmokeConfig.builder(uri).organizationId(organizationId)
                .timeout(Duration.ofMillis(timeoutMillis)).attempts(attempts).backoff(Duration.ofMillis(backoffMillis))
                .expectEnvironment(expectedEnvironment != null ? expectedEnvironment : defaultExpectedEnvironment.orElse(null));
        if (bearerTokenEnv != null) {
            String token = environment.get(bearerTokenEnv);
            if (token == null || token.isBlank()) {
                throw new InputException("--bearer-token-env " + bearerTokenEnv + ": the variable " + bearerTokenEnv
                        + " is not set or empty");
            }
            builder.bearerToken(Secret.of(token.strip()));
        }
        if (seed != null) {
            builder.addChecks(PromotionInputs.guard(() -> SeedList.read(seed)));
        }
        return builder.build();
    }

    static URI baseUri(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InputException("--base-url " + baseUrl + ": must be an absolute http(s) URL, e.g. https://staging.example.org");
    }
}
