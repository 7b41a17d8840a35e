package org.sosops.env.springexample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.flags.FlagResolver;

/** In staging and prod the resolved flags are for staff only; in local they are open. */
class ResolvedFlagsControllerTest {
    private static final String TOKEN = "staff-token-for-tests-7c1d";

    private static ResolvedFlagsController controller(String environment) throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        // Only the staff-token behaviour is under test here, so no rules run.
        EnvironmentPolicy policy = EnvironmentPolicy.loader().ignoreProcessSettings().rules(RuleEngine.of(List.of()))
                .processEnvironment(Map.of("APP_ENV", environment, ResolvedFlagsController.STAFF_TOKENS,
                        "member:sha256:" + digest)).load();
        FlagResolver flags = FlagResolver.builder().environment(policy.environment()).flag("new_inbox", false).build();
        return new ResolvedFlagsController(flags, policy);
    }

    @Test
    void stagingAndProdAnswerOnlyAStaffBearerToken() throws Exception {
        for (String environment : List.of("staging", "prod")) {
            ResolvedFlagsController flags = controller(environment);
            assertThat(flags.resolved(null, null).getStatusCode().value()).isEqualTo(401);
            assertThat(flags.resolved(null, "Bearer wrong").getStatusCode().value()).isEqualTo(401);
            assertThat(flags.resolved(null, "Bearer ").getStatusCode().value()).isEqualTo(401);
            // The digest itself is not a credential.
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
            assertThat(flags.resolved(null, "Bearer " + digest).getStatusCode().value()).isEqualTo(401);
            assertThat(flags.resolved("org_1", "Bearer " + TOKEN).getStatusCode().value()).isEqualTo(200);
            assertThat(flags.resolved("org_1", "bearer " + TOKEN).getBody()).contains("\"new_inbox\"");
        }
    }

    @Test
    void localAndDevAnswerWithoutAToken() throws Exception {
        assertThat(controller("local").resolved(null, null).getStatusCode().value()).isEqualTo(200);
        assertThat(controller("dev").resolved(null, null).getStatusCode().value()).isEqualTo(200);
    }
}
