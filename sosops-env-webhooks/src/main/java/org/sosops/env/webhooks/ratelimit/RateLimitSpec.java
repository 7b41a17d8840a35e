package org.sosops.env.webhooks.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate as {@code SOSOPS_WEBHOOK_RATE_LIMIT} writes it: {@code <requests>/<period>}, the period a
 * number and a unit ({@code s}, {@code m}, {@code h}), the number optional: {@code 30/1m},
 * {@code 5/1s}, {@code 100/m}. The bucket holds {@code requests} tokens and refills them greedily
 * over the period.
 *
 * <pre>{@code
 * RateLimitSpec spec = RateLimitSpec.parse("30/1m");
 * }</pre>
 */
public record RateLimitSpec(long requests, Duration period) {
    public static final String VARIABLE = "SOSOPS_WEBHOOK_RATE_LIMIT";
    public static final RateLimitSpec DEFAULT = new RateLimitSpec(30, Duration.ofMinutes(1));
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{0,9})\\s*([smh])\\s*");

    public RateLimitSpec {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit period is positive");
        }
    }

    /**
     * @throws IllegalArgumentException naming {@value #VARIABLE} and the expected form
     */
    public static RateLimitSpec parse(String text) {
        Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(VARIABLE + " '" + text + "' is not <requests>/<period>, e.g. 30/1m or 5/1s");
        }
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        try {
            return new RateLimitSpec(Long.parseLong(m.group(1)), unit.multipliedBy(amount));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + " '" + text + "': " + e.getMessage());
        }
    }

    /** The Bucket4j configuration: {@code requests} tokens, refilled greedily over the period. */
    public BucketConfiguration bucketConfiguration() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                .build();
    }

    @Override
    public String toString() {
        return requests + "/" + period.toSeconds() + "s";
    }
}
