package org.sosops.env.core.recipients;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.rules.RuleId;

/**
 * The guard's answer for one send: {@link Allowed} or {@link Refused}. A batch is allowed or
 * refused as a whole; a refusal lists the recipients that caused it.
 *
 * <pre>{@code
 * switch (guard.check(send)) {
 *     case GuardDecision.Allowed allowed -> provider.send(...);
 *     case GuardDecision.Refused refused -> log.warn("{}: {}", refused.rule(), refused.reason());
 * }
 * }</pre>
 */
public sealed interface GuardDecision {
    boolean allowed();

    /**
     * Every recipient may be messaged.
     *
     * @param recipients      how many recipients the send has
     * @param authorizationId the staff authorization that covered real recipients, if one was needed
     */
    record Allowed(int recipients, Optional<String> authorizationId) implements GuardDecision {
        public Allowed {
            Objects.requireNonNull(authorizationId, "authorizationId");
        }

        @Override
        public boolean allowed() {
            return true;
        }
    }

    /**
     * Nothing may be sent.
     *
     * @param rule              {@link RuleId#RECIPIENT_NOT_ALLOWLISTED} outside prod,
     *                          {@link RuleId#RECIPIENT_UNAUTHORIZED} in prod
     * @param reason            what is wrong and how to fix it; recipients appear masked
     * @param refusedRecipients the recipients that caused the refusal, normalized when they could be
     */
    record Refused(RuleId rule, String reason, List<String> refusedRecipients) implements GuardDecision {
        public Refused {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            refusedRecipients = List.copyOf(refusedRecipients);
        }

        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public String toString() {
            return "Refused[" + rule.id() + ": " + reason + "]";
        }
    }
}
