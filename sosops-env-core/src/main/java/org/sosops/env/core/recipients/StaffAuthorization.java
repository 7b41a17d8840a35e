package org.sosops.env.core.recipients;

import java.time.Instant;
import java.util.Objects;
import org.sosops.env.core.env.AppEnv;

/**
 * A staff member's permission to message one list or campaign in one environment: at most
 * {@code maxRecipients} recipients per send, until {@code expiresAt}. It is worth nothing unsigned:
 * {@link StaffAuthorizations#sign(StaffAuthorization)} turns it into a token the guard verifies.
 *
 * <pre>{@code
 * StaffAuthorization grant = new StaffAuthorization("auth-2026-031", "maria.ops", "gotv-reminders",
 *         AppEnv.PROD, 5_000, clock.instant(), clock.instant().plus(Duration.ofHours(4)),
 *         DataLabel.AUTHORIZED_REAL_DATA);
 * String token = StaffAuthorizations.withAuthSecret(authSecret).sign(grant);
 * }</pre>
 *
 * @param id            a unique id, quoted in audit records
 * @param staffMember   who authorized the send
 * @param listId        the list or campaign the send must name
 * @param environment   the only environment where it is valid
 * @param maxRecipients the most recipients one send may have
 * @param issuedAt      when it was granted
 * @param expiresAt     when it stops being valid
 * @param label         in dev and staging, the label the batch must carry
 */
public record StaffAuthorization(
        String id,
        String staffMember,
        String listId,
        AppEnv environment,
        int maxRecipients,
        Instant issuedAt,
        Instant expiresAt,
        DataLabel label) {

    public StaffAuthorization {
        requireText(id, "id");
        requireText(staffMember, "staffMember");
        requireText(listId, "listId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(label, "label");
        if (maxRecipients <= 0) {
            throw new IllegalArgumentException("maxRecipients must be positive");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(field + " must be 1 to 200 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
    }
}
