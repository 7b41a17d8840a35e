package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowlistTest {
    private static final RecipientNormalizer US = RecipientNormalizer.forRegion("US");

    @Test
    void keepsNumbersAddressesAndDomainsInTheirComparableForm() {
        Allowlist allowlist = Allowlist.builder(US).add("(555) 555-0100").add(" Ada@Example.org ").add("@Campaign-Example.org")
                .build();
        assertThat(allowlist.containsPhone("+15555550100")).isTrue();
        assertThat(allowlist.containsPhone("+15555550101")).isFalse();
        assertThat(allowlist.containsEmail("ada@example.org")).isTrue();
        assertThat(allowlist.containsEmail("bob@example.org")).isFalse();
        assertThat(allowlist.containsEmail("anyone@campaign-example.org")).isTrue();
        assertThat(allowlist.containsEmail("anyone@mail.campaign-example.org")).isFalse();
        assertThat(allowlist.contains(Channel.SMS, "+15555550100")).isTrue();
        assertThat(allowlist.contains(Channel.EMAIL, "+15555550100")).isFalse();
        assertThat(allowlist.contains(Channel.EMAIL, "ada@example.org")).isTrue();
        assertThat(allowlist.contains(Channel.SMS, "ada@example.org")).isFalse();
        assertThat(allowlist.size()).isEqualTo(3);
        assertThat(allowlist.isEmpty()).isFalse();
        assertThat(allowlist).hasToString("Allowlist[1 numbers, 1 addresses, 1 domains]");
    }

    @Test
    void matchesADomainOnlyByTheTextAfterTheLastAt() {
        Allowlist domains = Allowlist.builder(US).add("@example.org").build();
        assertThat(domains.containsEmail("example.org")).as("no @ at all").isFalse();
        assertThat(domains.containsEmail("@example.org")).isTrue();
        Allowlist addressesOnly = Allowlist.builder(US).add("ada@example.org").build();
        assertThat(addressesOnly.containsEmail("bob@example.org")).isFalse();
    }

    @Test
    void isEmptyOnlyWithoutEntries() {
        assertThat(Allowlist.empty().isEmpty()).isTrue();
        assertThat(Allowlist.empty().size()).isZero();
        assertThat(Allowlist.builder(US).build()).isEqualTo(Allowlist.empty());
        assertThat(Allowlist.builder(US).add("@example.org").build().isEmpty()).isFalse();
    }

    @Test
    void refusesAMalformedEntryNamingTheProblemButNotTheEntry() {
        assertThatThrownBy(() -> Allowlist.builder(US).add("  "))
                .isInstanceOf(AllowlistException.class).hasMessage("allowlist entry '(empty)' is empty");
        assertThatThrownBy(() -> Allowlist.builder(US).add("@example"))
                .hasMessage("allowlist entry '@example' is not a domain (write it as @example.org)");
        assertThatThrownBy(() -> Allowlist.builder(US).add("ada@@example.org"))
                .hasMessage("allowlist entry 'a***@example.org' is not a plain e-mail address");
        assertThatThrownBy(() -> Allowlist.builder(US).add("call the office"))
                .hasMessage("allowlist entry '" + "*".repeat(13) + "ce' is not a phone number (region US is assumed without "
                        + "a +country prefix)");
        assertThat(Allowlist.builder(US).tryAdd(null)).contains("is empty");
    }

    @Test
    void addsEveryEntryOfAListOrAnotherAllowlist() {
        Allowlist first = Allowlist.builder(US).addAll(List.of("+15555550100", "ada@example.org", "@example.com")).build();
        Allowlist merged = Allowlist.builder(US).addAll(first).add("+15555550101").build();
        assertThat(merged.containsPhone("+15555550100")).isTrue();
        assertThat(merged.containsPhone("+15555550101")).isTrue();
        assertThat(merged.containsEmail("ada@example.org")).isTrue();
        assertThat(merged.containsEmail("bob@example.com")).isTrue();
        assertThat(merged.size()).isEqualTo(4);
    }

    @Test
    void equalsAnotherListWithTheSameEntriesInWhateverForm() {
        Allowlist one = Allowlist.builder(US).add("+15555550100").add("ada@example.org").add("@example.com").build();
        Allowlist same = Allowlist.builder(US).add("(555) 555-0100").add("ADA@example.org").add("@EXAMPLE.com").build();
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo("Allowlist");
        assertThat(one.hashCode()).isNotEqualTo(Allowlist.empty().hashCode());
        assertThat(one).isNotEqualTo(Allowlist.builder(US).add("+15555550101").add("ada@example.org").add("@example.com").build());
        assertThat(one).isNotEqualTo(Allowlist.builder(US).add("+15555550100").add("bob@example.org").add("@example.com").build());
        assertThat(one).isNotEqualTo(Allowlist.builder(US).add("+15555550100").add("ada@example.org").add("@example.net").build());
    }

    @Test
    void isNotChangedByTheBuilderAfterwards() {
        Allowlist.Builder builder = Allowlist.builder(US).add("+15555550100");
        Allowlist built = builder.build();
        builder.add("+15555550101");
        assertThat(built.containsPhone("+15555550101")).isFalse();
    }
}
