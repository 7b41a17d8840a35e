package org.sosops.env.testing.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeContactsTest {
    private final List<Contact> everyone = new ArrayList<>();

    FakeContactsTest() {
        everyone.addAll(FakeContacts.voters());
        everyone.addAll(FakeContacts.volunteers());
        everyone.addAll(FakeContacts.staff());
    }

    @Test
    void everyNumberIsInTheFictional555_01xxRange() {
        assertThat(everyone).allSatisfy(c -> assertThat(c.phone()).matches("\\+155555501\\d\\d"));
    }

    @Test
    void everyAddressIsAtExampleOrg() {
        assertThat(everyone).allSatisfy(c -> assertThat(c.email()).endsWith("@example.org"));
    }

    @Test
    void noTwoFakePeopleShareANumberOrAnAddress() {
        assertThat(FakeContacts.phones(everyone)).doesNotHaveDuplicates().hasSize(90);
        assertThat(FakeContacts.emails(everyone)).doesNotHaveDuplicates();
    }
}
