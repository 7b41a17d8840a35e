package org.sosops.env.referenceapp.messages;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender of every environment but prod: it logs the shape of each allowed message (channel,
 * recipient count, length — never the recipients or the text) and delivers nothing.
 */
public final class DryRunSender implements MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(DryRunSender.class);
    private final AtomicLong messages = new AtomicLong();

    @Override
    public Receipt send(OutboundMessage message) {
        messages.incrementAndGet();
        LOG.info("dry run, nothing delivered: {}", message);
        return new Receipt("dry_run", message.recipients().size());
    }

    /** How many messages it has accepted since start-up. */
    public long count() {
        return messages.get();
    }
}
