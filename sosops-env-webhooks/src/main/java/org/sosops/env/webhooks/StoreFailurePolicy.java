package org.sosops.env.webhooks;

import java.util.Locale;
import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;

/**
 * What the guard does with a verified request when the shared store (rate-limit buckets, seen
 * delivery ids) cannot be reached: {@link #REJECT} answers {@code 503} with {@code Retry-After} and
 * alerts — the provider retries later, nothing is handled twice; {@link #ACCEPT} handles the
 * request without the check and logs a warning. Only connection failures count as "unreachable";
 * any other database error is a {@code 500} with a failure record under either policy.
 *
 * <pre>{@code
 * StoreFailurePolicy policy = StoreFailurePolicy.from(environmentPolicy);   // SOSOPS_WEBHOOK_STORE_FAILURE
 * }</pre>
 */
public enum StoreFailurePolicy {
    REJECT,
    ACCEPT;

    public static final String VARIABLE = "SOSOPS_WEBHOOK_STORE_FAILURE";

    /** {@code reject} in staging and prod, where an outage must be visible; {@code accept} in local and dev. */
    public static StoreFailurePolicy defaultFor(AppEnv environment) {
        return environment == AppEnv.STAGING || environment == AppEnv.PROD ? REJECT : ACCEPT;
    }

    /**
     * {@value #VARIABLE} ({@code reject} or {@code accept}); by default {@code reject} in staging
     * and prod, {@code accept} in local and dev.
     *
     * @throws WebhookConfigurationException naming the variable when the value is neither
     */
    public static StoreFailurePolicy from(EnvironmentPolicy policy) {
        Optional<String> value = policy.value(VARIABLE).map(v -> v.strip().toLowerCase(Locale.ROOT));
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultFor(policy.environment());
        }
        return switch (value.get()) {
            case "reject" -> REJECT;
            case "accept" -> ACCEPT;
            default -> throw new WebhookConfigurationException(VARIABLE + " must be reject or accept");
        };
    }
}
