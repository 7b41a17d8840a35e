package org.sosops.env.core.recipients;

/**
 * The outcome of verifying a signed authorization token: {@link Valid} with the authorization it
 * carries, or {@link Invalid} with the reason. Validity here is the signature and format only; the
 * guard then checks environment, list, expiry, ceiling and label.
 */
public sealed interface AuthorizationCheck {
    /** The signature is right; {@code authorization} is what the staff member signed. */
    record Valid(StaffAuthorization authorization) implements AuthorizationCheck {
    }

    /** The token is malformed or its signature does not match. */
    record Invalid(String reason) implements AuthorizationCheck {
    }
}
