package org.sosops.env.cli.promotion;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.promotion.smoke.SeedList;
import org.sosops.env.promotion.smoke.SmokeConfig;
import picocli.CommandLine.Option;

/** The smoke options shared by {@code smoke} and {@code launch-gate}. */
final class SmokeOptions {
    static final String BASE_URL_SETTING = "SMOKE_BASE_URL";
    static final String ORGANIZATION_SETTING = "SMOKE_ORGANIZATION_ID";
    static final String TEST_RECIPIENT_SETTING = "SMOKE_TEST_RECIPIENT";

    @Option(names = "--organization-id", paramLabel = "ID",
            description = "Also check this organization's endpoints (default: $" + ORGANIZATION_SETTING + ").")
    String organizationId;

    @Option(names = "--bearer-token-env", paramLabel = "VAR",
            description = "Read a bearer token from this environment variable; enables the token-only checks.")
    String bearerTokenEnv;

    @Option(names = "--expect-environment", paramLabel = "ENV",
            description = "The environment /api/health must report.")
    String expectedEnvironment;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "The application's seed list (JSON): its own checks, built-in checks it skips, admin-only and member endpoints.")
    Path seed;

    @Option(names = "--test-send",
            description = "Also POST /api/messages to an allowlisted test recipient ($" + TEST_RECIPIENT_SETTING
                    + " or --test-recipient), expecting a dry run or a send.")
    boolean testSend;

    @Option(names = "--test-recipient", paramLabel = "NUMBER",
            description = "With --test-send: the allowlisted test phone number or e-mail address (default: $"
                    + TEST_RECIPIENT_SETTING + ").")
    String testRecipient;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "Time allowed per request (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Tries per check; connection errors, timeouts, 429 and 5xx are retried (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--backoff-ms", paramLabel = "MS", defaultValue = "500",
            description = "Wait before the second try, doubled for each further try (default: ${DEFAULT-VALUE}).")
    long backoffMillis;

    /** {@code --base-url} when given, else {@code SMOKE_BASE_URL}. */
    static Optional<String> baseUrl(String option) {
        return Optional.ofNullable(option).or(() -> setting(BASE_URL_SETTING));
    }

    /** The seed list, read once; empty without {@code --seed}. */
    Optional<SeedList> seedList() {
        return seed == null ? Optional.empty() : Optional.of(PromotionInputs.guard(() -> SeedList.load(seed)));
    }

    SmokeConfig config(String baseUrl, Optional<String> defaultExpectedEnvironment) {
        URI uri = baseUri(baseUrl);
        if (attempts < 1 || timeoutMillis < 1 || backoffMillis < 0) {
            throw new InputException("--attempts and --timeout-ms must be at least 1, --backoff-ms at least 0");
        }
        String organization = organizationId != null ? organizationId : setting(ORGANIZATION_SETTING).orElse(null);
        SmokeConfig.Builder builder = SmokeConfig.builder(uri).organizationId(organization)
                .timeout(Duration.ofMillis(timeoutMillis)).attempts(attempts).backoff(Duration.ofMillis(backoffMillis))
                .expectEnvironment(expectedEnvironment != null ? expectedEnvironment : defaultExpectedEnvironment.orElse(null));
        if (bearerTokenEnv != null) {
            builder.bearerToken(secretFrom("--bearer-token-env", bearerTokenEnv));
        }
        if (testRecipient != null && !testSend) {
            throw new InputException("--test-recipient only makes sense with --test-send");
        }
        if (testSend) {
            String recipient = testRecipient != null ? testRecipient : setting(TEST_RECIPIENT_SETTING).orElseThrow(() ->
                    new InputException("--test-send needs an allowlisted test recipient: set " + TEST_RECIPIENT_SETTING
                            + " or pass --test-recipient"));
            builder.testSend(recipient);
        }
        seedList().ifPresent(builder::seed);
        return builder.build();
    }

    /** A token from a named variable: one line naming the variable when it is unset, never a value. */
    static Secret secretFrom(String option, String variable) {
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InputException(option + " takes the name of an environment variable, not a value");
        }
        String token = ProcessEnvironment.get(variable).orElse("");
        if (token.isBlank()) {
            throw new InputException(option + " " + variable + ": the variable " + variable + " is not set or empty");
        }
        return Secret.of(token.strip());
    }

    static Optional<String> setting(String name) {
        return ProcessEnvironment.get(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    static URI baseUri(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        // The value is not echoed: a URL with user:password@ must not reach a CI log.
        throw new InputException("--base-url / " + BASE_URL_SETTING
                + ": must be an absolute http(s) URL without credentials, e.g. https://staging.example.org");
    }
}
