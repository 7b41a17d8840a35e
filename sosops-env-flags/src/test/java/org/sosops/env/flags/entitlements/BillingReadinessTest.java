package org.sosops.env.flags.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;
import org.sosops.env.flags.value.Entitlements;

/** What each billing check says, at the boundaries of its verdict. */
class BillingReadinessTest {

    private static BillingReadiness readiness(Entitlements defaults, String orgOverrides, String organization) {
        return EntitlementResolver.builder()
                .environment(AppEnv.STAGING)
                .overrides(Variables.of(Map.of("ENTITLEMENT_ORG_OVERRIDES_JSON", orgOverrides)))
                .defaults(defaults)
                .build()
                .billingReadiness(organization);
    }

    private static BillingReadiness.Check check(BillingReadiness readiness, String name) {
        return readiness.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyCheckSaysWhatItFoundWhenReady() {
        BillingReadiness readiness = readiness(Entitlements.of(5, Set.of(), Map.of("sms", 100L, "email", 10L)),
                "{\"org_1\": {\"seat_limit\": 1}}", "org_1");

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.checks()).extracting(BillingReadiness.Check::name)
                .containsExactly("seat_limit", "organization_plan", "usage_caps");
        assertThat(check(readiness, "seat_limit").detail()).isEqualTo("seat_limit 1 from org");
        assertThat(check(readiness, "organization_plan").detail())
                .isEqualTo("the organization has entitlements of its own (org override or database)");
        assertThat(check(readiness, "usage_caps").detail()).isEqualTo("2 usage cap(s) set");
        assertThat(readiness.entitlements().organizationId()).contains("org_1");
    }

    @Test
    void aSeatLimitOfZeroSeatsNobody() {
        BillingReadiness readiness = readiness(Entitlements.of(5, Set.of(), Map.of("sms", 1L)),
                "{\"org_1\": {\"seat_limit\": 0}}", "org_1");

        assertThat(readiness.ready()).isFalse();
        BillingReadiness.Check seats = check(readiness, "seat_limit");
        assertThat(seats.ok()).isFalse();
        assertThat(seats.detail()).isEqualTo("seat_limit is 0: nobody can be seated");
    }

    @Test
    void failedChecksNameWhatIsMissing() {
        BillingReadiness readiness = readiness(Entitlements.none(), "{}", "org_9");

        assertThat(check(readiness, "seat_limit").detail()).isEqualTo("no layer sets seat_limit");
        assertThat(check(readiness, "organization_plan").detail())
                .isEqualTo("only environment-wide values and defaults apply; nothing is specific to org_9");
        assertThat(check(readiness, "usage_caps").detail()).isEqualTo("no usage cap: metered usage is unbounded");
        assertThat(readiness.checks()).noneMatch(BillingReadiness.Check::ok);
    }

    @Test
    void aStoredPlanCountsAsAPlanOfItsOwn() {
        BillingReadiness readiness = EntitlementResolver.builder()
                .environment(AppEnv.PROD)
                .database(org -> Optional.of(Entitlements.of(3, Set.of(), Map.of("sms", 10L))))
                .build()
                .billingReadiness("org_db");

        assertThat(readiness.ready()).isTrue();
        assertThat(check(readiness, "seat_limit").detail()).isEqualTo("seat_limit 3 from db");
    }
}
