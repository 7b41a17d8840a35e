package org.sosops.env.core.recipients;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One outbound send the host is about to make: one recipient or a batch, on one channel, with the
 * list it comes from, the staff authorization token and the data label when it has them.
 *
 * <pre>{@code
 * Send reminder = Send.sms(numbers)
 *         .forList("gotv-reminders")
 *         .authorizedBy(token)
 *         .labeled(DataLabel.TEST_DATA);
 * GuardDecision decision = guard.check(reminder);
 * }</pre>
 *
 * @param channel       SMS or e-mail
 * @param recipients    the numbers or addresses as the host has them (any form)
 * @param listId        the list or campaign, which an authorization must name
 * @param authorization a token from {@link StaffAuthorizations#sign(StaffAuthorization)}
 * @param label         what the batch holds; required with an authorization in dev and staging
 */
public record Send(Channel channel, List<String> recipients, Optional<String> listId,
                   Optional<String> authorization, Optional<DataLabel> label) {
    public Send {
        Objects.requireNonNull(channel, "channel");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(label, "label");
    }

    public static Send sms(String... recipients) {
        return sms(List.of(recipients));
    }

    public static Send sms(List<String> recipients) {
        return new Send(Channel.SMS, recipients, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Send email(String... recipients) {
        return email(List.of(recipients));
    }

    public static Send email(List<String> recipients) {
        return new Send(Channel.EMAIL, recipients, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Send forList(String listId) {
        return new Send(channel, recipients, Optional.of(listId), authorization, label);
    }

    public Send authorizedBy(String token) {
        return new Send(channel, recipients, listId, Optional.of(token), label);
    }

    public Send labeled(DataLabel label) {
        return new Send(channel, recipients, listId, authorization, Optional.of(label));
    }

    @Override
    public String toString() {
        // Recipients are personal data and the token is a credential: neither is printed.
        return "Send[" + channel + ", " + recipients.size() + " recipients" + listId.map(l -> ", list " + l).orElse("")
                + (authorization.isPresent() ? ", authorized" : "") + label.map(l -> ", " + l).orElse("") + "]";
    }
}
