package org.sosops.env.referenceapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sosops.env.referenceapp.StartupException;

/** The staff token configuration holds digests only, and a bad entry names its position, not its value. */
class StaffTokensTest {
    @Test
    void anEntryThatIsNotRoleAlgorithmDigestIsRefusedByPositionWithoutItsValue() {
        String spec = "admin:sha256:" + StaffTokens.digest("a") + ",member:plain-token-value";

        assertThatThrownBy(() -> StaffTokens.parse(spec))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining(StaffTokens.VARIABLE)
                .hasMessageContaining("entry 2")
                .hasMessageNotContaining("plain-token-value");
    }

    @Test
    void anUnknownRoleIsRefused() {
        assertThatThrownBy(() -> StaffTokens.parse("root:sha256:" + StaffTokens.digest("a")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("entry 1");
    }

    @Test
    void theDigestIsTheHexSha256OfTheToken() {
        assertThat(StaffTokens.digest("test"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void anAdminCoversMemberEndpointsButNotTheOtherWayRound() {
        assertThat(Role.ADMIN.covers(Role.MEMBER)).isTrue();
        assertThat(Role.MEMBER.covers(Role.ADMIN)).isFalse();
    }
}
