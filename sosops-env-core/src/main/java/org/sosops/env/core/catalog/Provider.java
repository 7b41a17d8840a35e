package org.sosops.env.core.catalog;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outside services the canonical variables belong to. A host names the ones it uses in
 * {@value #SETTING} (e.g. {@code twilio,sendgrid}); the variables of the others are not required.
 * Without the setting every provider counts as used: the canonical list is the default.
 *
 * <pre>{@code
 * Set<Provider> used = Provider.parseList("twilio, sendgrid");   // [TWILIO, SENDGRID]
 * }</pre>
 */
public enum Provider {
    /** SMS: {@code TWILIO_*}. */
    TWILIO("twilio"),
    /** E-mail through SendGrid: {@code EMAIL_*} with {@code EMAIL_PROVIDER=sendgrid}. */
    SENDGRID("sendgrid"),
    /** E-mail through Postmark: {@code EMAIL_*} with {@code EMAIL_PROVIDER=postmark}. */
    POSTMARK("postmark"),
    /** Redis over REST: {@code UPSTASH_REDIS_REST_*}. */
    UPSTASH("upstash"),
    /** File storage: {@code BLOB_READ_WRITE_TOKEN}. */
    BLOB("blob");

    /** The host's providers, comma-separated. */
    public static final String SETTING = "SOSOPS_PROVIDERS";
    /** The providers that send e-mail; {@code EMAIL_*} belongs to whichever of them is used. */
    public static final Set<Provider> EMAIL = Collections.unmodifiableSet(EnumSet.of(SENDGRID, POSTMARK));

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    /** The lower-case name used in {@value #SETTING} and {@code sosops.providers}. */
    public String id() {
        return id;
    }

    public static Optional<Provider> fromId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }

    /**
     * Parses a comma-separated list such as {@code twilio,sendgrid}; {@code none} (or an empty
     * list) means the host uses no provider at all.
     *
     * @throws IllegalArgumentException naming the unknown entry and the known ones
     */
    public static Set<Provider> parseList(String list) {
        Set<Provider> providers = EnumSet.noneOf(Provider.class);
        for (String entry : list.split(",")) {
            String name = entry.strip();
            if (name.isEmpty() || name.equalsIgnoreCase("none")) {
                continue;
            }
            providers.add(fromId(name).orElseThrow(() -> new IllegalArgumentException(
                    "'" + printable(name) + "' is not a provider; use " + known() + " or none")));
        }
        return Collections.unmodifiableSet(providers);
    }

    /** {@code twilio, sendgrid, postmark, upstash, blob}. */
    public static String known() {
        return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
    }

    private static String printable(String raw) {
        String cleaned = raw.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 24 ? cleaned.substring(0, 24) + "…" : cleaned;
    }

    @Override
    public String toString() {
        return id;
    }
}
