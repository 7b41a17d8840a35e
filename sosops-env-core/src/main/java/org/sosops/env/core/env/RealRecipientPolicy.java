package org.sosops.env.core.env;

/** Whether an environment may message real people, who are not on its allowlist. */
public enum RealRecipientPolicy {
    /** Only allowlisted recipients, always (local). */
    NEVER,
    /**
     * Real recipients only when a staff member has authorized the send's list and the batch carries
     * the data label that authorization names ({@code test-data} or {@code authorized-real-data}):
     * dev and staging.
     */
    WITH_STAFF_AUTHORIZATION_AND_LABEL,
    /** Real lists only when a staff member has authorized the send (prod). */
    WITH_STAFF_AUTHORIZATION
}
