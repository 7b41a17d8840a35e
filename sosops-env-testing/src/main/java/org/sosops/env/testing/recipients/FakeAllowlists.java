package org.sosops.env.testing.recipients;

import java.util.Arrays;
import java.util.List;
import org.sosops.env.core.recipients.Allowlist;
import org.sosops.env.core.recipients.AllowlistSource;
import org.sosops.env.core.recipients.AllowlistSources;
import org.sosops.env.core.recipients.AllowlistUnavailableException;
import org.sosops.env.core.recipients.RecipientNormalizer;

/**
 * Allowlist sources for tests: fixed lists, a source that is down, and one a test can take down.
 *
 * <pre>{@code
 * AllowlistSource staff = FakeAllowlists.of(FakeContacts.staff());
 * AllowlistSource down = FakeAllowlists.unavailable("database unreachable");
 * }</pre>
 */
public final class FakeAllowlists {
    private static final RecipientNormalizer US = RecipientNormalizer.forRegion("US");

    private FakeAllowlists() {
    }

    /** Entries as the variable or file would hold them (numbers in any form, addresses, {@code @domain}). */
    public static AllowlistSource of(String... entries) {
        return AllowlistSources.of(allowlist(Arrays.asList(entries)), "fake allowlist");
    }

    /** The numbers and addresses of these contacts. */
    public static AllowlistSource of(List<Contact> contacts) {
        Allowlist.Builder builder = Allowlist.builder(US);
        contacts.forEach(contact -> builder.add(contact.phone()).add(contact.email()));
        return AllowlistSources.of(builder.build(), "fake allowlist");
    }

    public static Allowlist allowlist(List<String> entries) {
        return Allowlist.builder(US).addAll(entries).build();
    }

    /** A source that is always down: the guard must refuse everything it alone would allow. */
    public static AllowlistSource unavailable(String reason) {
        return new AllowlistSource() {
            @Override
            public Allowlist current() throws AllowlistUnavailableException {
                throw new AllowlistUnavailableException(reason);
            }

            @Override
            public String description() {
                return "unavailable fake allowlist";
            }
        };
    }

    /** A source a test takes down and brings back. */
    public static SwitchableAllowlistSource switchable(String... entries) {
        return new SwitchableAllowlistSource(allowlist(Arrays.asList(entries)));
    }
}
