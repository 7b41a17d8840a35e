package org.sosops.env.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.FlagDefinition;
import org.sosops.env.flags.FlagResolver;

/** Through the real OpenFeature SDK client, as an application would call it. */
class SosOpsFlagProviderTest {
    private static final String DOMAIN = "sosops-provider-test";
    private static FlagResolver resolver;
    private static Client client;

    @BeforeAll
    static void registerProvider() {
        resolver = FlagResolver.builder()
                .environment(AppEnv.STAGING)
                .flag("new_inbox", false)
                .flag("bulk_send", false)
                .flag("dark_mode", true)
                .flag(FlagDefinition.of("banner", "hello"))
                .flag(FlagDefinition.of("batch", 100))
                .overrides(Variables.of(Map.of(
                        "FEATURE_FLAG_ENV_OVERRIDES_JSON", "{\"bulk_send\": true, \"batch\": 250}",
                        "FEATURE_FLAG_ORG_OVERRIDES_JSON", "{\"org_123\": {\"new_inbox\": true, \"banner\": \"vip\"}}")))
                .build();
        // The tests run against the oldest supported SDK (1.4.0), which has no setProviderAndWait; the
        // provider needs no initialization, so it is ready as soon as it is set.
        OpenFeatureAPI.getInstance().setProvider(DOMAIN, new SosOpsFlagProvider(resolver));
        client = OpenFeatureAPI.getInstance().getClient(DOMAIN);
    }

    @AfterAll
    static void shutdown() {
        resolver.close();
    }

    @Test
    void theTargetingKeyIsTheOrganizationAndTheSourceIsVariantMetadataAndReason() {
        FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("new_inbox", false, new ImmutableContext("org_123"));
        assertThat(details.getValue()).isTrue();
        assertThat(details.getVariant()).isEqualTo("org");
        assertThat(details.getFlagMetadata().getString("source")).isEqualTo("org");
        assertThat(details.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
    }

    @Test
    void environmentAndDefaultAnswersSayTheirSource() {
        ImmutableContext other = new ImmutableContext("org_other");
        FlagEvaluationDetails<Boolean> env = client.getBooleanDetails("bulk_send", false, other);
        assertThat(env.getValue()).isTrue();
        assertThat(env.getFlagMetadata().getString("source")).isEqualTo("env");
        assertThat(env.getReason()).isEqualTo(Reason.STATIC.name());

        FlagEvaluationDetails<Boolean> def = client.getBooleanDetails("dark_mode", false, other);
        assertThat(def.getValue()).isTrue();
        assertThat(def.getFlagMetadata().getString("source")).isEqualTo("default");
        assertThat(def.getReason()).isEqualTo(Reason.DEFAULT.name());
    }

    @Test
    void theOrganizationAttributeWinsOverTheTargetingKey() {
        ImmutableContext ctx = new ImmutableContext("user_42", Map.of("organization_id", new Value("org_123")));
        assertThat(client.getStringValue("banner", "x", ctx)).isEqualTo("vip");
        assertThat(client.getStringValue("banner", "x", new ImmutableContext())).isEqualTo("hello");
    }

    @Test
    void numbersAndObjectsComeThroughTyped() {
        assertThat(client.getIntegerValue("batch", 0, new ImmutableContext("o"))).isEqualTo(250);
        assertThat(client.getDoubleValue("batch", 0.0, new ImmutableContext("o"))).isEqualTo(250.0);
        assertThat(client.getObjectValue("banner", new Value(), new ImmutableContext("org_123")).asString()).isEqualTo("vip");
    }

    @Test
    void anUnknownFlagAnswersTheCallersDefaultWithFlagNotFound() {
        FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("nope", true, new ImmutableContext("o"));
        assertThat(details.getValue()).isTrue();
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(details.getReason()).isEqualTo(Reason.ERROR.name());
    }

    @Test
    void aFlagOfAnotherTypeAnswersTheCallersDefaultWithTypeMismatch() {
        FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("banner", false, new ImmutableContext("o"));
        assertThat(details.getValue()).isFalse();
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    }
}
