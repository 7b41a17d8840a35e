package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.rules.RuleId;

/** A send and a decision print what a log may hold: counts, list and label, never recipients or tokens. */
class SendTest {
    @Test
    void printsNeitherRecipientsNorTheToken() {
        Send bare = Send.email("ada@example.org");
        assertThat(bare).hasToString("Send[EMAIL, 1 recipients]");
        Send full = Send.sms(List.of("+15555550101", "+15555550102")).forList("gotv").authorizedBy("sosops-auth.v1.secret")
                .labeled(DataLabel.TEST_DATA);
        assertThat(full).hasToString("Send[SMS, 2 recipients, list gotv, authorized, test-data]");
        assertThat(full.channel()).isEqualTo(Channel.SMS);
        assertThat(full.listId()).contains("gotv");
        assertThat(full.authorization()).contains("sosops-auth.v1.secret");
        assertThat(full.label()).contains(DataLabel.TEST_DATA);
        assertThat(Send.email(List.of("a@example.org", "b@example.org")).recipients()).hasSize(2);
    }

    @Test
    void aDecisionSaysWhetherTheSendMayGo() {
        assertThat(new GuardDecision.Allowed(2, Optional.empty()).allowed()).isTrue();
        GuardDecision.Refused refused = new GuardDecision.Refused(RuleId.RECIPIENT_UNAUTHORIZED, "no authorization",
                List.of("+15555550101"));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused).hasToString("Refused[recipient-unauthorized: no authorization]");
    }
}
