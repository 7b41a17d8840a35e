package org.sosops.env.referenceapp.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the application's dashboard and staff endpoints may do. A staff
 * {@link #ADMIN} may do everything a {@link #MEMBER} may.
 */
public enum Role {
    MEMBER,
    ADMIN;

    /** Whether a caller holding this role may call an endpoint that requires {@code required}. */
    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }

    static Optional<Role> named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "admin" -> Optional.of(ADMIN);
            case "member" -> Optional.of(MEMBER);
            default -> Optional.empty();
        };
    }
}
