package org.sosops.env.core.env;

/** Whether an environment may message real people, who are not on its allowlist. */
public enum RealRecipientPolicy {
    /** Only allowlisted recipients, always. */
    NEVER,
    /** Real lists only when a staff member has authorized the send. */
    WITH_STAFF_AUTHORIZATION
}
