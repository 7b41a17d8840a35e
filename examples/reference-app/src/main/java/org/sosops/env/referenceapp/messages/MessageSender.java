package org.sosops.env.referenceapp.messages;

/**
 * Delivers a message the {@code RecipientGuard} has already allowed. Outside prod the application
 * only ever builds a {@link DryRunSender}: even an allowed send reaches no provider there.
 */
public interface MessageSender {
    /** What happened to one message. */
    record Receipt(String status, int recipients) {
    }

    Receipt send(OutboundMessage message) throws SendFailedException;
}
