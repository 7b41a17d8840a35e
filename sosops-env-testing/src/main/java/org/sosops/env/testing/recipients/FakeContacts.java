package org.sosops.env.testing.recipients;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fixtures of clearly fake people. Every number is in the 555-0100..0199 range reserved for
 * fiction ({@code +15555550100}…), every address is at {@code example.org} (reserved by RFC 2606):
 * no fixture can ever reach a real person.
 *
 * <ul>
 *   <li>voters: {@code +15555550100}..{@code +15555550149}, {@code voter001@example.org}..</li>
 *   <li>volunteers: {@code +15555550150}..{@code +15555550179}, {@code volunteer001@example.org}..</li>
 *   <li>staff: {@code +15555550190}..{@code +15555550199}, {@code staff01@example.org}..</li>
 * </ul>
 *
 * <pre>{@code
 * List<String> numbers = FakeContacts.phones(FakeContacts.voters());
 * }</pre>
 */
public final class FakeContacts {
    private static final List<Contact> VOTERS = range("Test Voter", "voter", 0, 50, 3, Contact.Role.VOTER);
    private static final List<Contact> VOLUNTEERS = range("Test Volunteer", "volunteer", 50, 30, 3, Contact.Role.VOLUNTEER);
    private static final List<Contact> STAFF = range("Test Staffer", "staff", 90, 10, 2, Contact.Role.STAFF);

    private FakeContacts() {
    }

    /** 50 fake voters. */
    public static List<Contact> voters() {
        return VOTERS;
    }

    /** 30 fake volunteers. */
    public static List<Contact> volunteers() {
        return VOLUNTEERS;
    }

    /** 10 fake staff members, the usual allowlist of a test environment. */
    public static List<Contact> staff() {
        return STAFF;
    }

    public static List<String> phones(List<Contact> contacts) {
        return contacts.stream().map(Contact::phone).toList();
    }

    public static List<String> emails(List<Contact> contacts) {
        return contacts.stream().map(Contact::email).toList();
    }

    private static List<Contact> range(String name, String mailbox, int first, int count, int digits, Contact.Role role) {
        List<Contact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int number = i + 1;
            String padded = String.format(Locale.ROOT, "%0" + digits + "d", number);
            contacts.add(new Contact(name + " " + padded, String.format(Locale.ROOT, "+155555501%02d", first + i),
                    mailbox + padded + "@example.org", role));
        }
        return List.copyOf(contacts);
    }
}
