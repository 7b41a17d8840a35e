package org.sosops.env.referenceapp.messages;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.recipients.Channel;

/**
 * A message the guard has allowed, ready for a sender.
 *
 * @param subject the e-mail subject; empty for SMS
 */
public record OutboundMessage(Channel channel, List<String> recipients, Optional<String> subject, String body) {
    public OutboundMessage {
        Objects.requireNonNull(channel, "channel");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        // Recipients are personal data and the body may be too: only the shape is printed.
        return "OutboundMessage[" + channel + ", " + recipients.size() + " recipients, " + body.length() + " chars]";
    }
}
