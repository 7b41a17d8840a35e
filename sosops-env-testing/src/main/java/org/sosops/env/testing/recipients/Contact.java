package org.sosops.env.testing.recipients;

/**
 * A clearly fake person: a number in the fictional 555-01xx range and an address at example.org.
 *
 * @param name  a made-up name ("Test Voter 001")
 * @param phone E.164, {@code +1555555 01xx}
 * @param email {@code …@example.org}
 * @param role  voter, volunteer or staff
 */
public record Contact(String name, String phone, String email, Role role) {
    /** Who the fake person is to the campaign. */
    public enum Role {
        VOTER,
        VOLUNTEER,
        STAFF
    }
}
