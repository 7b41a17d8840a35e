package com.example.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.DataLabel;
import org.sosops.env.core.recipients.GuardDecision;
import org.sosops.env.core.recipients.RecipientGuard;
import org.sosops.env.core.recipients.Send;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.testing.junit.SosOpsEnvironment;
import org.sosops.env.testing.junit.SosOpsTestEnvironment;
import org.sosops.env.testing.recipients.FakeContacts;

@SosOpsEnvironment(AppEnv.STAGING)
class ReminderSenderTest {

    /** The code under test: asks the guard before every send, and sends nothing it refuses. */
    static final class ReminderSender {
        private final RecipientGuard guard;
        final List<String> sent = new ArrayList<>();

        ReminderSender(RecipientGuard guard) {
            this.guard = guard;
        }

        GuardDecision send(Send send) {
            GuardDecision decision = guard.check(send);
            if (decision.allowed()) {
                sent.addAll(send.recipients());   // a real sender would call the SMS provider here
            }
            return decision;
        }
    }

    @Test
    void sendsToTheStaffAllowlistFromStaging(RecipientGuard guard) {
        ReminderSender sender = new ReminderSender(guard);
        List<String> staff = FakeContacts.phones(FakeContacts.staff());

        assertThat(sender.send(Send.sms(staff)).allowed()).isTrue();
        assertThat(sender.sent).hasSize(10);
    }

    @Test
    void sendsNothingToVotersFromStagingWithoutAnAuthorization(SosOpsTestEnvironment env) {
        ReminderSender sender = new ReminderSender(env.guard());
        List<String> voters = FakeContacts.phones(FakeContacts.voters());

        GuardDecision decision = sender.send(Send.sms(voters).forList("gotv-reminders"));

        assertThat(decision).isInstanceOfSatisfying(GuardDecision.Refused.class,
                refused -> assertThat(refused.rule()).isEqualTo(RuleId.RECIPIENT_NOT_ALLOWLISTED));
        assertThat(sender.sent).isEmpty();
        assertThat(env.audit().last().allowed()).isFalse();
    }

    @Test
    void sendsALabeledTestBatchUnderAStaffAuthorizationUntilItExpires(SosOpsTestEnvironment env) {
        ReminderSender sender = new ReminderSender(env.guard());
        List<String> voters = FakeContacts.phones(FakeContacts.voters());
        String token = env.authorizations().grant("gotv-reminders")
                .staffMember("maria.ops").maxRecipients(50).validFor(Duration.ofHours(2))
                .label(DataLabel.TEST_DATA).sign();
        Send batch = Send.sms(voters).forList("gotv-reminders").authorizedBy(token).labeled(DataLabel.TEST_DATA);

        assertThat(sender.send(batch).allowed()).isTrue();

        env.clock().advance(Duration.ofHours(2));
        assertThat(sender.send(batch).allowed()).isFalse();
        assertThat(sender.sent).hasSize(50);
    }
}
