package org.sosops.env.flags.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.Entitlements;
import org.sosops.env.flags.value.Source;

class EntitlementResolverTest {

    private static EntitlementResolver resolver() {
        return EntitlementResolver.builder()
                .environment(AppEnv.STAGING)
                .overrides(Variables.of(Map.of(
                        "ENTITLEMENT_ENV_OVERRIDES_JSON",
                        "{\"seat_limit\": 25, \"features\": [\"bulk_sms\"], \"usage_caps\": {\"sms_per_month\": 10000}}",
                        "ENTITLEMENT_ORG_OVERRIDES_JSON",
                        "{\"org_123\": {\"seat_limit\": 50, \"features\": [\"sso\"], \"usage_caps\": {\"emails_per_day\": 500}}}")))
                .defaults(Entitlements.of(5, Set.of("basic"), Map.of("sms_per_month", 1000L, "emails_per_day", 100L)))
                .database(org -> org.equals("org_db")
                        ? Optional.of(Entitlements.of(10, Set.of("bulk_sms", "api"), Map.of()))
                        : Optional.empty())
                .build();
    }

    @Test
    void seatLimitComesFromTheHighestLayerFeaturesUniteAndCapsMergeKeyByKey() {
        ResolvedEntitlements e = resolver().resolve("org_123");
        assertThat(e.seatLimit()).isEqualTo(OptionalLong.of(50));
        assertThat(e.seatLimitSource()).contains(Source.ORG);
        assertThat(e.features()).containsExactlyInAnyOrderEntriesOf(
                Map.of("basic", Source.DEFAULT, "bulk_sms", Source.ENV, "sso", Source.ORG));
        assertThat(e.usageCaps()).containsExactlyInAnyOrderEntriesOf(Map.of("sms_per_month", 10000L, "emails_per_day", 500L));
        assertThat(e.capSources()).containsExactlyInAnyOrderEntriesOf(
                Map.of("sms_per_month", Source.ENV, "emails_per_day", Source.ORG));
    }

    @Test
    void theDatabasePlanSitsBetweenDefaultsAndTheEnvironmentOverride() {
        ResolvedEntitlements e = resolver().resolve("org_db");
        assertThat(e.seatLimit()).isEqualTo(OptionalLong.of(25));
        assertThat(e.seatLimitSource()).contains(Source.ENV);
        assertThat(e.features()).containsEntry("api", Source.DB).containsEntry("bulk_sms", Source.ENV);
    }

    @Test
    void theJsonIsTheContractShapeWithSources() {
        assertThat(resolver().resolve("org_123").toJson()).isEqualTo("{\"organization_id\":\"org_123\","
                + "\"environment\":\"staging\",\"seat_limit\":50,\"features\":[\"basic\",\"bulk_sms\",\"sso\"],"
                + "\"usage_caps\":{\"emails_per_day\":500,\"sms_per_month\":10000},"
                + "\"sources\":{\"seat_limit\":\"org\",\"features\":{\"basic\":\"default\",\"bulk_sms\":\"env\",\"sso\":\"org\"},"
                + "\"usage_caps\":{\"emails_per_day\":\"org\",\"sms_per_month\":\"env\"}}}");
    }

    @Test
    void anOrganizationWithAPlanOfItsOwnIsReadyForBilling() {
        BillingReadiness readiness = resolver().billingReadiness("org_123");
        assertThat(readiness.ready()).isTrue();
    }

    @Test
    void anOrganizationOnEnvironmentWideValuesOnlyIsNotReadyForBilling() {
        BillingReadiness readiness = resolver().billingReadiness("org_unknown");
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.checks()).filteredOn(c -> !c.ok()).extracting(BillingReadiness.Check::name)
                .containsExactly("organization_plan");
    }

    @Test
    void noSeatLimitAnywhereFailsTheSeatCheck() {
        BillingReadiness readiness = EntitlementResolver.builder().environment(AppEnv.DEV).build().billingReadiness("o");
        assertThat(readiness.checks()).filteredOn(c -> !c.ok()).extracting(BillingReadiness.Check::name)
                .containsExactly("seat_limit", "organization_plan", "usage_caps");
        assertThat(readiness.entitlements().toJson()).contains("\"seat_limit\":null");
    }
}
