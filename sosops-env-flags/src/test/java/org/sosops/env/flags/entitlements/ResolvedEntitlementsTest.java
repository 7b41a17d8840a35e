package org.sosops.env.flags.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.Entitlements;
import org.sosops.env.flags.value.Source;

class ResolvedEntitlementsTest {

    private static EntitlementResolver resolver() {
        return EntitlementResolver.builder()
                .overrides(Variables.of(Map.of(
                        "APP_ENV", "staging",
                        "ENTITLEMENT_ENV_OVERRIDES_JSON", "{\"features\": [\"bulk_sms\"], \"usage_caps\": {\"sms\": 900}}",
                        "ENTITLEMENT_ORG_OVERRIDES_JSON", "{\"org_1\": {\"features\": [\"sso\"]}}")))
                .defaults(Entitlements.of(5, Set.of("basic"), Map.of("sms", 100L, "email", 10L)))
                .database(org -> {
                    throw new AssertionError("the environment level never asks the database");
                })
                .build();
    }

    @Test
    void theEnvironmentLevelHasNoOrganizationAndSkipsTheDatabaseAndOrganizationLayers() {
        ResolvedEntitlements e = resolver().resolve();

        assertThat(e.organizationId()).isEmpty();
        assertThat(e.environment()).isEqualTo("staging");
        assertThat(e.features()).containsOnlyKeys("basic", "bulk_sms");
        assertThat(e.toJson()).isEqualTo("{\"organization_id\":null,\"environment\":\"staging\",\"seat_limit\":5,"
                + "\"features\":[\"basic\",\"bulk_sms\"],\"usage_caps\":{\"email\":10,\"sms\":900},"
                + "\"sources\":{\"seat_limit\":\"default\",\"features\":{\"basic\":\"default\",\"bulk_sms\":\"env\"},"
                + "\"usage_caps\":{\"email\":\"default\",\"sms\":\"env\"}}}");
    }

    @Test
    void featuresAndCapsAreLookedUpByName() {
        ResolvedEntitlements e = EntitlementResolver.builder().environment(AppEnv.DEV)
                .overrides(Variables.of(Map.of("ENTITLEMENT_ORG_OVERRIDES_JSON", "{\"org_1\": {\"features\": [\"sso\"]}}")))
                .defaults(Entitlements.of(5, Set.of("basic"), Map.of("sms", 100L)))
                .build().resolve("org_1");

        assertThat(e.hasFeature("sso")).isTrue();
        assertThat(e.hasFeature("basic")).isTrue();
        assertThat(e.hasFeature("bulk_sms")).isFalse();
        assertThat(e.usageCap("sms")).isEqualTo(OptionalLong.of(100));
        assertThat(e.usageCap("email")).isEmpty();
    }

    @Test
    void sourcesListEveryPartFlatWithItsLayer() {
        ResolvedEntitlements e = new ResolvedEntitlements(Optional.of("o"), "dev", OptionalLong.of(2),
                Optional.of(Source.ORG), Map.of("sso", Source.DB), Map.of("sms", 7L), Map.of("sms", Source.ENV));

        assertThat(e.sources()).containsExactly(
                Map.entry("seat_limit", Source.ORG),
                Map.entry("features.sso", Source.DB),
                Map.entry("usage_caps.sms", Source.ENV));
        assertThatThrownBy(() -> e.sources().put("x", Source.DB)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new ResolvedEntitlements(Optional.empty(), "dev", OptionalLong.empty(), Optional.empty(),
                Map.of(), Map.of(), Map.of()).sources()).isEmpty();
    }

    @Test
    void aResolverNeedsAnEnvironment() {
        assertThatThrownBy(() -> EntitlementResolver.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EntitlementResolver needs environment(...) or an APP_ENV in overrides(variables)");
        assertThat(EntitlementResolver.builder().environment(AppEnv.PROD)
                .overrides(Variables.of(Map.of("APP_ENV", "dev"))).build().resolve().environment())
                .isEqualTo("prod");
    }
}
