package org.sosops.env.core.recipients;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleId;

/**
 * The audit record of one guard decision. It carries counts and masked recipients, never full
 * numbers or addresses, so it may go to ordinary log storage.
 *
 * @param at              when the decision was made (the guard's clock)
 * @param environment     the guard's environment
 * @param channel         SMS or e-mail
 * @param allowed         the decision
 * @param rule            the rule of a refusal
 * @param reason          the refusal's reason, or a short note for an allowed send
 * @param recipients      how many recipients the send had
 * @param listId          the list the send named
 * @param authorizationId the staff authorization presented and verified, if any
 * @param staffMember     who signed that authorization
 * @param label           the batch's data label
 */
public record AuditEvent(Instant at, AppEnv environment, Channel channel, boolean allowed, Optional<RuleId> rule,
                         String reason, int recipients, Optional<String> listId, Optional<String> authorizationId,
                         Optional<String> staffMember, Optional<DataLabel> label) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(staffMember, "staffMember");
        Objects.requireNonNull(label, "label");
    }
}
