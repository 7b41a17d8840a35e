package org.sosops.env.core.recipients;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.env.RealRecipientPolicy;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Secret;

/**
 * Asked before every outbound SMS or e-mail, single or batch: may these recipients be messaged
 * from this environment? Thread-safe; build one at start-up.
 *
 * <ul>
 *   <li><b>local</b>: allowlisted recipients only, always ({@code recipient-not-allowlisted}).</li>
 *   <li><b>dev, staging</b>: allowlisted recipients only, unless the send carries a valid staff
 *       authorization for its list <em>and</em> the label that authorization names
 *       ({@code test-data} or {@code authorized-real-data}); otherwise {@code recipient-not-allowlisted}.</li>
 *   <li><b>prod</b>: allowlisted recipients freely; anyone else only with a valid staff
 *       authorization for the send's list ({@code recipient-unauthorized}).</li>
 * </ul>
 * A valid authorization is correctly signed with this environment's {@code AUTH_SECRET}, issued for
 * this environment and the send's list, not expired by the guard's clock, and its recipient ceiling
 * is at least the size of the send. Unreadable recipients, an allowlist source that is down, a
 * tampered or expired authorization: a refusal with the reason, never a send. Every decision is
 * audit-logged to SLF4J ({@value #AUDIT_LOGGER}) and the {@link AuditSink}; staging and prod
 * cannot switch that off.
 *
 * <pre>{@code
 * RecipientGuard guard = RecipientGuard.builder(policy)        // AUTH_SECRET, SOSOPS_RECIPIENT_ALLOWLIST(_FILE)
 *         .allowlist(jdbcSource)
 *         .auditSink(auditLog::append)
 *         .build();
 * if (guard.checkSms("+15555550100") instanceof GuardDecision.Refused refused) {
 *     throw new IllegalStateException(refused.reason());
 * }
 * }</pre>
 */
public final class RecipientGuard {
    /** The SLF4J logger that receives every decision. */
    public static final String AUDIT_LOGGER = "org.sosops.env.audit.recipients";
    /** Default region for numbers written without {@code +country}; an ISO 3166 code. */
    public static final String REGION_VARIABLE = "SOSOPS_RECIPIENT_DEFAULT_REGION";
    /** How far an authorization's issue time may lie ahead of the guard's clock (clock drift between hosts). */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Logger AUDIT = LoggerFactory.getLogger(AUDIT_LOGGER);
    private static final int SHOWN_RECIPIENTS = 3;
    private static final Outcome ONE_ALLOWLISTED = new Outcome(new GuardDecision.Allowed(1, Optional.empty()), null);

    private final AppEnv environment;
    private final RuleId rule;
    private final RecipientNormalizer normalizer;
    private final AllowlistSource[] sources;
    private final Optional<StaffAuthorizations> authorizations;
    private final Clock clock;
    private final boolean auditing;
    private final boolean auditMandatory;
    private final AuditSink sink;

    private RecipientGuard(Builder builder) {
        this.environment = builder.environment;
        this.rule = environment.traits().realRecipients() == RealRecipientPolicy.WITH_STAFF_AUTHORIZATION
                ? RuleId.RECIPIENT_UNAUTHORIZED : RuleId.RECIPIENT_NOT_ALLOWLISTED;
        this.normalizer = builder.normalizer;
        this.sources = builder.sources.toArray(new AllowlistSource[0]);
        this.authorizations = Optional.ofNullable(builder.authorizations);
        this.clock = builder.clock;
        this.auditMandatory = environment.traits().auditAlwaysOn();
        this.auditing = builder.auditing || auditMandatory;
        this.sink = builder.sink;
    }

    public static Builder builder(AppEnv environment) {
        return new Builder(environment);
    }

    /**
     * A builder with the policy's environment, {@code AUTH_SECRET}, default region
     * ({@value #REGION_VARIABLE}, {@code US} when unset) and the allowlists of
     * {@value AllowlistSources#VARIABLE} and {@value AllowlistSources#FILE_VARIABLE} when set.
     *
     * @throws AllowlistException when an allowlist entry, the file or the region is malformed
     */
    public static Builder builder(EnvironmentPolicy policy) {
        Builder builder = new Builder(policy.environment());
        try {
            builder.normalizer(RecipientNormalizer.forRegion(policy.value(REGION_VARIABLE).orElse("US")));
        } catch (IllegalArgumentException e) {
            throw new AllowlistException(REGION_VARIABLE + ": " + e.getMessage(), e);
        }
        policy.secret("AUTH_SECRET").ifPresent(builder::authSecret);
        if (policy.variables().value(AllowlistSources.VARIABLE).isPresent()) {
            builder.allowlist(AllowlistSources.variable(policy.variables(), builder.normalizer));
        }
        policy.variables().value(AllowlistSources.FILE_VARIABLE).ifPresent(file ->
                builder.allowlist(AllowlistSources.file(Path.of(file.strip()), builder.normalizer)));
        return builder;
    }

    public AppEnv environment() {
        return environment;
    }

    /** Decides a single SMS. */
    public GuardDecision checkSms(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        if (!auditing && allowlistedAsWritten(Channel.SMS, recipient)) {
            return ONE_ALLOWLISTED.decision;
        }
        return check(Send.sms(List.of(recipient)));
    }

    /** Decides a single e-mail. */
    public GuardDecision checkEmail(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        if (!auditing && allowlistedAsWritten(Channel.EMAIL, recipient)) {
            return ONE_ALLOWLISTED.decision;
        }
        return check(Send.email(List.of(recipient)));
    }

    /** Decides a send, single or batch, as a whole. */
    public GuardDecision check(Send send) {
        Objects.requireNonNull(send, "send");
        Outcome outcome = decide(send);
        if (auditing) {
            return audit(send, outcome);
        }
        return outcome.decision;
    }

    private Outcome decide(Send send) {
        Channel channel = send.channel();
        List<String> recipients = send.recipients();
        if (recipients.size() == 1 && allowlistedAsWritten(channel, recipients.get(0))) {
            return ONE_ALLOWLISTED;
        }
        Allowlist[] lists = new Allowlist[sources.length];
        List<String> down = null;
        for (int i = 0; i < sources.length; i++) {
            try {
                lists[i] = sources[i].current();
            } catch (AllowlistUnavailableException | RuntimeException e) {
                lists[i] = Allowlist.empty();
                down = down == null ? new ArrayList<>() : down;
                down.add(sources[i].description() + " (" + e.getMessage() + ")");
            }
        }
        List<Integer> unreadable = null;
        List<String> outside = null;
        for (int i = 0; i < recipients.size(); i++) {
            String raw = recipients.get(i);
            if (raw == null) {
                unreadable = add(unreadable, i);
                continue;
            }
            if (channel == Channel.SMS && RecipientNormalizer.isStrictE164(raw) && anyContains(lists, channel, raw)) {
                continue;
            }
            Optional<String> normalized = channel == Channel.SMS ? normalizer.phone(raw) : normalizer.email(raw);
            if (normalized.isEmpty()) {
                unreadable = add(unreadable, i);
            } else if (!anyContains(lists, channel, normalized.get())) {
                outside = outside == null ? new ArrayList<>() : outside;
                outside.add(normalized.get());
            }
        }
        if (unreadable != null) {
            return refusedUnreadable(channel, recipients, unreadable);
        }
        if (outside == null) {
            return new Outcome(new GuardDecision.Allowed(recipients.size(), Optional.empty()), null);
        }
        return decideOutsideAllowlist(send, outside, down);
    }

    private Outcome decideOutsideAllowlist(Send send, List<String> outside, List<String> down) {
        int total = send.recipients().size();
        String base = outside.size() + " of " + total + " recipients " + (outside.size() == 1 ? "is" : "are")
                + " not on the " + environment.id() + " allowlist (" + masked(outside) + ")"
                + (down == null ? "" : "; allowlist source unavailable: " + String.join("; ", down));
        if (environment.traits().realRecipients() == RealRecipientPolicy.NEVER) {
            return refused(outside, base + "; local never messages anyone outside the allowlist: add them to "
                    + allowlistNames(), null);
        }
        if (send.authorization().isEmpty()) {
            String fix = rule == RuleId.RECIPIENT_UNAUTHORIZED
                    ? "; a send to real recipients in prod needs a staff authorization for its list"
                    : "; " + environment.id() + " messages only allowlisted recipients (add them to " + allowlistNames()
                            + ") unless the send carries a staff authorization and a test-data or authorized-real-data label";
            return refused(outside, base + fix, null);
        }
        if (authorizations.isEmpty()) {
            return refused(outside, base + "; the send carries a staff authorization but the guard has no "
                    + "AUTH_SECRET to verify it with", null);
        }
        AuthorizationCheck check = authorizations.get().verify(send.authorization().get());
        if (check instanceof AuthorizationCheck.Invalid invalid) {
            return refused(outside, base + "; the staff authorization is refused: " + invalid.reason(), null);
        }
        StaffAuthorization grant = ((AuthorizationCheck.Valid) check).authorization();
        Optional<String> problem = authorizationProblem(send, grant, total);
        if (problem.isPresent()) {
            return refused(outside, base + "; staff authorization " + grant.id() + " " + problem.get(), grant);
        }
        return new Outcome(new GuardDecision.Allowed(total, Optional.of(grant.id())), grant);
    }

    private Optional<String> authorizationProblem(Send send, StaffAuthorization grant, int total) {
        Instant now = clock.instant();
        if (grant.environment() != environment) {
            return Optional.of("was issued for " + grant.environment().id() + ", not " + environment.id());
        }
        if (send.listId().isEmpty()) {
            return Optional.of("covers list '" + grant.listId() + "' but the send names no list");
        }
        if (!send.listId().get().equals(grant.listId())) {
            return Optional.of("covers list '" + grant.listId() + "', not '" + send.listId().get() + "'");
        }
        if (!now.isBefore(grant.expiresAt())) {
            return Optional.of("expired at " + grant.expiresAt());
        }
        if (grant.issuedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return Optional.of("is issued at " + grant.issuedAt() + ", in the future; check the clocks");
        }
        if (total > grant.maxRecipients()) {
            return Optional.of("allows at most " + grant.maxRecipients() + " recipients per send; this send has " + total);
        }
        if (environment.traits().realRecipients() == RealRecipientPolicy.WITH_STAFF_AUTHORIZATION_AND_LABEL) {
            if (send.label().isEmpty()) {
                return Optional.of("requires the batch to be labeled " + grant.label().id() + " in " + environment.id());
            }
            if (send.label().get() != grant.label()) {
                return Optional.of("covers " + grant.label().id() + ", but the batch is labeled " + send.label().get().id());
            }
        }
        return Optional.empty();
    }

    private GuardDecision audit(Send send, Outcome outcome) {
        GuardDecision decision = outcome.decision;
        StaffAuthorization grant = outcome.authorization;
        Optional<RuleId> refusedRule = decision instanceof GuardDecision.Refused r ? Optional.of(r.rule()) : Optional.empty();
        String reason = decision instanceof GuardDecision.Refused r ? r.reason()
                : grant == null ? "all recipients allowlisted" : "covered by staff authorization " + grant.id();
        AuditEvent event = new AuditEvent(clock.instant(), environment, send.channel(), decision.allowed(), refusedRule,
                reason, send.recipients().size(), send.listId(),
                Optional.ofNullable(grant).map(StaffAuthorization::id),
                Optional.ofNullable(grant).map(StaffAuthorization::staffMember), send.label());
        if (decision.allowed()) {
            if (AUDIT.isInfoEnabled()) {
                AUDIT.info("recipient guard ALLOWED {} send of {} recipient(s) in {}{}: {}", send.channel(),
                        event.recipients(), environment.id(), send.listId().map(l -> " to list " + l).orElse(""), reason);
            }
        } else {
            AUDIT.warn("recipient guard REFUSED {} send of {} recipient(s) in {}{} [{}]: {}", send.channel(),
                    event.recipients(), environment.id(), send.listId().map(l -> " to list " + l).orElse(""),
                    refusedRule.get().id(), reason);
        }
        try {
            sink.record(event);
        } catch (RuntimeException e) {
            AUDIT.error("recipient guard audit sink failed: {}", e.toString());
            if (auditMandatory && decision.allowed()) {
                return new GuardDecision.Refused(rule, "the audit sink failed (" + e.getClass().getSimpleName()
                        + ") and audit is always on in " + environment.id() + "; nothing is sent unaudited", List.of());
            }
        }
        return decision;
    }

    private Outcome refused(List<String> recipients, String reason, StaffAuthorization grant) {
        return new Outcome(new GuardDecision.Refused(rule, reason, recipients), grant);
    }

    private Outcome refusedUnreadable(Channel channel, List<String> recipients, List<Integer> unreadable) {
        String what = channel == Channel.SMS
                ? "phone numbers libphonenumber can read (region " + normalizer.defaultRegion()
                        + " is assumed without +country)"
                : "plain e-mail addresses";
        String positions = unreadable.stream().limit(10).map(i -> "#" + (i + 1)).collect(Collectors.joining(", "))
                + (unreadable.size() > 10 ? " and " + (unreadable.size() - 10) + " more" : "");
        List<String> refused = new ArrayList<>();
        for (int i : unreadable) {
            refused.add(String.valueOf(recipients.get(i)));
        }
        return new Outcome(new GuardDecision.Refused(rule, "recipient " + positions + " of " + recipients.size()
                + (unreadable.size() == 1 ? " is not one of the " : " are not ") + what + "; nothing is sent", refused), null);
    }

    private String allowlistNames() {
        if (sources.length == 0) {
            return AllowlistSources.VARIABLE + " or " + AllowlistSources.FILE_VARIABLE;
        }
        List<String> names = new ArrayList<>();
        for (AllowlistSource source : sources) {
            names.add(source.description());
        }
        return String.join(", ", names);
    }

    private static String masked(List<String> recipients) {
        String shown = recipients.stream().limit(SHOWN_RECIPIENTS).map(RecipientNormalizer::mask)
                .collect(Collectors.joining(", "));
        return recipients.size() > SHOWN_RECIPIENTS ? shown + " and " + (recipients.size() - SHOWN_RECIPIENTS) + " more" : shown;
    }

    /**
     * The fast path of a single recipient already in canonical form (E.164, or a lower-case
     * address): a hash lookup per source, no parsing, no allocation. Anything else (a miss, an
     * unreadable source, a free-form number) goes the full way.
     */
    private boolean allowlistedAsWritten(Channel channel, String raw) {
        if (raw == null) {
            return false;
        }
        // email() hands back the very same string when it is already trimmed, lower-case and valid.
        boolean canonical = channel == Channel.SMS ? RecipientNormalizer.isStrictE164(raw)
                : normalizer.email(raw).orElse(null) == raw;
        if (!canonical) {
            return false;
        }
        for (AllowlistSource source : sources) {
            try {
                if (source.current().contains(channel, raw)) {
                    return true;
                }
            } catch (AllowlistUnavailableException | RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean anyContains(Allowlist[] lists, Channel channel, String normalized) {
        for (Allowlist list : lists) {
            if (list.contains(channel, normalized)) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> add(List<Integer> list, int index) {
        List<Integer> result = list == null ? new ArrayList<>() : list;
        result.add(index);
        return result;
    }

    @Override
    public String toString() {
        return "RecipientGuard[" + environment.id() + ", " + sources.length + " allowlist sources]";
    }

    private record Outcome(GuardDecision decision, StaffAuthorization authorization) {
    }

    /** Configures a {@link RecipientGuard}. Not thread-safe; the guard is. */
    public static final class Builder {
        private final AppEnv environment;
        private final List<AllowlistSource> sources = new ArrayList<>();
        private RecipientNormalizer normalizer = RecipientNormalizer.forRegion("US");
        private StaffAuthorizations authorizations;
        private Clock clock = Clock.systemUTC();
        private boolean auditing = true;
        private AuditSink sink = AuditSink.none();

        private Builder(AppEnv environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        /** Adds an allowlist source; a recipient on any source's list passes. */
        public Builder allowlist(AllowlistSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Adds a fixed allowlist. */
        public Builder allowlist(Allowlist allowlist) {
            return allowlist(AllowlistSources.of(allowlist, "fixed allowlist"));
        }

        /** How recipients are normalized (default: region US). Use the same one for the allowlists. */
        public Builder normalizer(RecipientNormalizer normalizer) {
            this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
            return this;
        }

        public RecipientNormalizer normalizer() {
            return normalizer;
        }

        /** Verifies staff authorizations signed with this {@code AUTH_SECRET}. */
        public Builder authSecret(Secret authSecret) {
            return authorizations(StaffAuthorizations.withAuthSecret(authSecret));
        }

        public Builder authorizations(StaffAuthorizations authorizations) {
            this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
            return this;
        }

        /** The clock authorizations' expiry is checked against (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder auditSink(AuditSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Switches the audit log off (it is on by default).
         *
         * @throws IllegalStateException in staging and prod, where audit is always on
         */
        public Builder auditing(boolean enabled) {
            if (!enabled && environment.traits().auditAlwaysOn()) {
                throw new IllegalStateException("audit is always on in " + environment.id()
                        + "; the recipient guard's audit log cannot be switched off");
            }
            this.auditing = enabled;
            return this;
        }

        public RecipientGuard build() {
            return new RecipientGuard(this);
        }
    }
}
