package org.sosops.env.core.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;
import org.sosops.env.core.secret.Secret;

/**
 * The canonical variables as a SmallRye {@code @ConfigMapping}, validated by Jakarta Bean
 * Validation with the catalog's own format checks ({@link VariableFormat}): a host that reads its
 * configuration through SmallRye gets typed values, secrets as {@link Secret}, and every format
 * problem at once, naming the variables and never a value. What is required where stays the
 * policy's ({@code EnvironmentPolicy}); here only the four variables every environment needs are
 * mandatory.
 *
 * <pre>{@code
 * SmallRyeConfig config = new SmallRyeConfigBuilder()
 *         .addDefaultSources().addDiscoveredSources()       // the .env source, below real variables
 *         .addDefaultInterceptors().addDiscoveredCustomizers() // secrets marked as SmallRye secret keys
 *         .withValidator(new BeanValidationConfigValidatorImpl())
 *         .withMapping(CanonicalVariables.class)
 *         .build();
 * Secret token = config.getConfigMapping(CanonicalVariables.class).twilioAuthToken().orElseThrow();
 * }</pre>
 *
 * <p>Needs {@code smallrye-config}, {@code smallrye-config-validator}, a Bean Validation provider
 * (Hibernate Validator) and an EL implementation on the class path: optional dependencies of the core.
 */
@ConfigMapping(prefix = "")
public interface CanonicalVariables {
    @WithName("APP_ENV")
    @Pattern(regexp = "local|dev|staging|prod", message = "APP_ENV must be one of local, dev, staging, prod")
    String appEnv();

    @WithName("APP_URL")
    @VariableFormat("APP_URL")
    String appUrl();

    @WithName("AUTH_SECRET")
    @VariableFormat("AUTH_SECRET")
    Secret authSecret();

    @WithName("LOG_LEVEL")
    @VariableFormat("LOG_LEVEL")
    String logLevel();

    @WithName("DATABASE_URL")
    @VariableFormat("DATABASE_URL")
    Optional<Secret> databaseUrl();

    @WithName("TWILIO_ACCOUNT_SID")
    @VariableFormat("TWILIO_ACCOUNT_SID")
    Optional<String> twilioAccountSid();

    @WithName("TWILIO_AUTH_TOKEN")
    @VariableFormat("TWILIO_AUTH_TOKEN")
    Optional<Secret> twilioAuthToken();

    @WithName("TWILIO_MESSAGING_SERVICE_SID")
    @VariableFormat("TWILIO_MESSAGING_SERVICE_SID")
    Optional<String> twilioMessagingServiceSid();

    @WithName("EMAIL_PROVIDER")
    @VariableFormat("EMAIL_PROVIDER")
    Optional<String> emailProvider();

    @WithName("EMAIL_API_KEY")
    @VariableFormat("EMAIL_API_KEY")
    Optional<Secret> emailApiKey();

    @WithName("EMAIL_FROM_NAME")
    @VariableFormat("EMAIL_FROM_NAME")
    Optional<String> emailFromName();

    @WithName("EMAIL_FROM_EMAIL")
    @VariableFormat("EMAIL_FROM_EMAIL")
    Optional<String> emailFromEmail();

    @WithName("EMAIL_WEBHOOK_SIGNING_SECRET")
    @VariableFormat("EMAIL_WEBHOOK_SIGNING_SECRET")
    Optional<Secret> emailWebhookSigningSecret();

    @WithName("UPSTASH_REDIS_REST_URL")
    @VariableFormat("UPSTASH_REDIS_REST_URL")
    Optional<String> upstashRedisRestUrl();

    @WithName("UPSTASH_REDIS_REST_TOKEN")
    @VariableFormat("UPSTASH_REDIS_REST_TOKEN")
    Optional<Secret> upstashRedisRestToken();

    @WithName("BLOB_READ_WRITE_TOKEN")
    @VariableFormat("BLOB_READ_WRITE_TOKEN")
    Optional<Secret> blobReadWriteToken();

    /** The override JSON is parsed by sosops-env-flags, which refuses to build a resolver from a malformed one. */
    @WithName("FEATURE_FLAG_ENV_OVERRIDES_JSON")
    Optional<String> featureFlagEnvOverridesJson();

    @WithName("FEATURE_FLAG_ORG_OVERRIDES_JSON")
    Optional<String> featureFlagOrgOverridesJson();

    @WithName("ENTITLEMENT_ENV_OVERRIDES_JSON")
    Optional<String> entitlementEnvOverridesJson();

    @WithName("ENTITLEMENT_ORG_OVERRIDES_JSON")
    Optional<String> entitlementOrgOverridesJson();
}
