package org.sosops.env.core.recipients;

import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of recipients a non-production environment may message: phone numbers (kept
 * in E.164), e-mail addresses (kept in lower case) and whole domains ({@code @campaign-example.org}
 * admits every address at exactly that domain, not its subdomains).
 *
 * <pre>{@code
 * Allowlist allowlist = Allowlist.builder(RecipientNormalizer.forRegion("US"))
 *         .add("(555) 555-0100")
 *         .add("Ada@Example.org")
 *         .add("@campaign-example.org")
 *         .build();
 * allowlist.containsPhone("+15555550100");   // true
 * }</pre>
 */
public final class Allowlist {
    private static final Allowlist EMPTY = new Allowlist(Set.of(), Set.of(), Set.of());

    private final Set<String> phones;
    private final Set<String> emails;
    private final Set<String> domains;

    private Allowlist(Set<String> phones, Set<String> emails, Set<String> domains) {
        this.phones = phones;
        this.emails = emails;
        this.domains = domains;
    }

    public static Allowlist empty() {
        return EMPTY;
    }

    public static Builder builder(RecipientNormalizer normalizer) {
        return new Builder(normalizer);
    }

    /** True when this E.164 number is on the list. */
    public boolean containsPhone(String e164) {
        return phones.contains(e164);
    }

    /** True when this lower-case address, or its whole domain, is on the list. */
    public boolean containsEmail(String lowerCaseAddress) {
        if (emails.contains(lowerCaseAddress)) {
            return true;
        }
        if (domains.isEmpty()) {
            return false;
        }
        int at = lowerCaseAddress.lastIndexOf('@');
        return at >= 0 && domains.contains(lowerCaseAddress.substring(at + 1));
    }

    public boolean contains(Channel channel, String normalized) {
        return channel == Channel.SMS ? containsPhone(normalized) : containsEmail(normalized);
    }

    public int size() {
        return phones.size() + emails.size() + domains.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Allowlist that && phones.equals(that.phones) && emails.equals(that.emails)
                && domains.equals(that.domains);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phones, emails, domains);
    }

    @Override
    public String toString() {
        return "Allowlist[" + phones.size() + " numbers, " + emails.size() + " addresses, " + domains.size() + " domains]";
    }

    /** Collects entries; an entry that is neither a number, an address nor {@code @domain} is refused. */
    public static final class Builder {
        private final RecipientNormalizer normalizer;
        private final Set<String> phones = new HashSet<>();
        private final Set<String> emails = new HashSet<>();
        private final Set<String> domains = new HashSet<>();

        private Builder(RecipientNormalizer normalizer) {
            this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        }

        /**
         * Adds one entry: {@code @domain}, an address, or a phone number in any form libphonenumber reads.
         *
         * @throws AllowlistException naming the problem (and not the full entry) when it is none of those
         */
        public Builder add(String entry) {
            Optional<String> problem = tryAdd(entry);
            if (problem.isPresent()) {
                throw new AllowlistException("allowlist entry '" + RecipientNormalizer.mask(entry.strip()) + "' "
                        + problem.get());
            }
            return this;
        }

        public Builder addAll(Iterable<String> entries) {
            entries.forEach(this::add);
            return this;
        }

        public Builder addAll(Allowlist other) {
            phones.addAll(other.phones);
            emails.addAll(other.emails);
            domains.addAll(other.domains);
            return this;
        }

        /** Adds the entry, or says why it cannot be added. */
        Optional<String> tryAdd(String entry) {
            String value = entry == null ? "" : entry.strip();
            if (value.isEmpty()) {
                return Optional.of("is empty");
            }
            if (value.startsWith("@")) {
                String domain = value.substring(1).toLowerCase(java.util.Locale.ROOT);
                if (!RecipientNormalizer.isDomain(domain, 0)) {
                    return Optional.of("is not a domain (write it as @example.org)");
                }
                domains.add(domain);
                return Optional.empty();
            }
            if (value.indexOf('@') >= 0) {
                Optional<String> address = normalizer.email(value);
                if (address.isEmpty()) {
                    return Optional.of("is not a plain e-mail address");
                }
                emails.add(address.get());
                return Optional.empty();
            }
            Optional<String> number = normalizer.phone(value);
            if (number.isEmpty()) {
                return Optional.of("is not a phone number (region " + normalizer.defaultRegion()
                        + " is assumed without a +country prefix)");
            }
            phones.add(number.get());
            return Optional.empty();
        }

        public Allowlist build() {
            return new Allowlist(frozen(phones), frozen(emails), frozen(domains));
        }

        /**
         * A HashSet, not Set.copyOf: the immutable sets probe linearly, and numbers of one range
         * have consecutive hash codes, so lookups there walk long clusters (10x slower measured).
         */
        private static Set<String> frozen(Set<String> values) {
            return Collections.unmodifiableSet(new HashSet<>(values));
        }
    }
}
