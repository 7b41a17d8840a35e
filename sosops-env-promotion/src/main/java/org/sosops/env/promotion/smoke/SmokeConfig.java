package org.sosops.env.promotion.smoke;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.secret.Secret;

/**
 * What {@link SmokeRunner} checks and how patiently: an immutable value built with
 * {@link #builder(URI)}.
 *
 * <pre>{@code
 * SmokeConfig config = SmokeConfig.builder(URI.create("https://staging.example.org"))
 *         .organizationId("org_123").bearerToken(Secret.of(token)).testSend("+15555550100")
 *         .timeout(Duration.ofSeconds(5)).attempts(3).backoff(Duration.ofMillis(500))
 *         .build();
 * }</pre>
 */
public record SmokeConfig(URI baseUrl, Optional<String> organizationId, Optional<Secret> bearerToken,
                          Optional<String> expectedEnvironment, Duration timeout, int attempts, Duration backoff,
                          List<SmokeCheck> checks) {
    public SmokeConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        checks = List.copyOf(checks);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    @Override
    public String toString() {
        return "SmokeConfig[" + baseUrl + ", organization " + organizationId.orElse("-") + ", token "
                + (bearerToken.isPresent() ? "***" : "-") + ", " + checks.size() + " checks]";
    }

    public static final class Builder {
        private final URI baseUrl;
        private String organizationId;
        private Secret bearerToken;
        private String expectedEnvironment;
        private Duration timeout = Duration.ofSeconds(10);
        private int attempts = 3;
        private Duration backoff = Duration.ofMillis(500);
        private final List<SmokeCheck> checks = new ArrayList<>();
        private final java.util.Set<String> skippedBuiltIns = new java.util.HashSet<>();
        private String testRecipient;

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl);
        }

        public Builder organizationId(String id) {
            this.organizationId = id;
            return this;
        }

        public Builder bearerToken(Secret token) {
            this.bearerToken = token;
            return this;
        }

        /** The {@code environment} the health endpoint must report. */
        public Builder expectEnvironment(String environment) {
            this.expectedEnvironment = environment;
            return this;
        }

        /** Time allowed for one request, connection included. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Tries per check: a connection error, a timeout, 429 or 5xx is tried again. */
        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        /** The wait before the second try; it doubles for each further try. */
        public Builder backoff(Duration backoff) {
            this.backoff = Objects.requireNonNull(backoff);
            return this;
        }

        /** Leaves out built-in checks by name (endpoints the application does not serve). */
        public Builder skipBuiltIns(java.util.Collection<String> names) {
            skippedBuiltIns.addAll(names);
            return this;
        }

        /** Applies a seed list: its checks are added and the built-ins it names are left out. */
        public Builder seed(SeedList seed) {
            skipBuiltIns(seed.skipBuiltIn());
            return addChecks(seed.checks());
        }

        /**
         * Also sends one message through {@code POST /api/messages} to this allowlisted test
         * recipient (a phone number, or an e-mail address), expecting a dry run or a send.
         */
        public Builder testSend(String recipient) {
            this.testRecipient = recipient == null || recipient.isBlank() ? null : recipient.strip();
            return this;
        }

        /** Adds the application's own endpoints (its seed list) after the built-in checks. */
        public Builder addChecks(List<SmokeCheck> more) {
            checks.addAll(more);
            return this;
        }

        public SmokeConfig build() {
            List<SmokeCheck> all = new ArrayList<>();
            SmokeCheck.builtIns().stream().filter(c -> !skippedBuiltIns.contains(c.name())).forEach(all::add);
            if (testRecipient != null) {
                all.add(SmokeCheck.testSend(testRecipient));
            }
            all.addAll(checks);
            return new SmokeConfig(baseUrl, Optional.ofNullable(organizationId), Optional.ofNullable(bearerToken),
                    Optional.ofNullable(expectedEnvironment), timeout, attempts, backoff, all);
        }
    }
}
