package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.testsupport.MutableClock;

/**
 * The guard's decisions and their exact reasons, environment by environment, on a fixed staff
 * allowlist (+15555550190, +15555550191, staff01@example.org); the +155555501xx numbers stand
 * for real people.
 */
class RecipientGuardTest {
    private static final RecipientNormalizer US = RecipientNormalizer.forRegion("US");
    private static final Secret AUTH_SECRET = Secret.of("g7Hk2Lm9Qp4Rs8Tv1Wx5Yz0Ab3Cd6Ef");
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final Allowlist STAFF = Allowlist.builder(US).add("+15555550190").add("+15555550191")
            .add("staff01@example.org").build();
    private static final List<String> VOTERS = List.of("+15555550101", "+15555550102", "+15555550103",
            "+15555550104", "+15555550105");
    private static final String LIST = "gotv";

    private final MutableClock clock = new MutableClock(NOW);
    private final List<AuditEvent> audit = new ArrayList<>();
    private final StaffAuthorizations signer = StaffAuthorizations.withAuthSecret(AUTH_SECRET);

    private RecipientGuard guard(AppEnv env) {
        return RecipientGuard.builder(env).allowlist(STAFF).authSecret(AUTH_SECRET).clock(clock).auditSink(audit::add).build();
    }

    private StaffAuthorization grant(AppEnv env) {
        return new StaffAuthorization("auth-1", "maria.ops", LIST, env, 5, NOW, NOW.plus(Duration.ofHours(1)),
                DataLabel.TEST_DATA);
    }

    private String sign(StaffAuthorization grant) {
        return signer.sign(grant);
    }

    private static Send toVoters(String token) {
        return Send.sms(VOTERS).forList(LIST).authorizedBy(token).labeled(DataLabel.TEST_DATA);
    }

    private static GuardDecision.Refused refused(GuardDecision decision) {
        assertThat(decision).isInstanceOf(GuardDecision.Refused.class);
        return (GuardDecision.Refused) decision;
    }

    @Test
    void allowsAllowlistedRecipientsInEveryEnvironmentAndCountsThem() {
        for (AppEnv env : AppEnv.values()) {
            RecipientGuard guard = guard(env);
            assertThat(guard.checkSms("+15555550190")).isEqualTo(new GuardDecision.Allowed(1, Optional.empty()));
            assertThat(guard.checkSms("(555) 555-0190").allowed()).isTrue();
            assertThat(guard.checkEmail("staff01@example.org").allowed()).isTrue();
            assertThat(guard.checkEmail(" Staff01@Example.org").allowed()).isTrue();
            assertThat(guard.check(Send.sms("+15555550190", "555-555-0191"))).isEqualTo(new GuardDecision.Allowed(2,
                    Optional.empty()));
        }
    }

    @Test
    void localNeverMessagesAnyoneOffTheAllowlist() {
        GuardDecision.Refused refusal = refused(guard(AppEnv.LOCAL).check(toVoters(sign(grant(AppEnv.LOCAL)))));
        assertThat(refusal.rule()).isEqualTo(RuleId.RECIPIENT_NOT_ALLOWLISTED);
        assertThat(refusal.reason()).isEqualTo("5 of 5 recipients are not on the local allowlist (+1********01, "
                + "+1********02, +1********03 and 2 more); local never messages anyone outside the allowlist: add them "
                + "to fixed allowlist");
        assertThat(refusal.refusedRecipients()).isEqualTo(VOTERS);
    }

    @Test
    void namesTheAllowlistVariablesWhenNoSourceIsConfigured() {
        RecipientGuard bare = RecipientGuard.builder(AppEnv.LOCAL).auditing(false).build();
        assertThat(refused(bare.checkSms("+15555550190")).reason()).isEqualTo("1 of 1 recipients is not on the local "
                + "allowlist (+1********90); local never messages anyone outside the allowlist: add them to "
                + "SOSOPS_RECIPIENT_ALLOWLIST or SOSOPS_RECIPIENT_ALLOWLIST_FILE");
    }

    @Test
    void devAndStagingExplainHowToMessageSomeoneOffTheAllowlist() {
        RecipientGuard dev = RecipientGuard.builder(AppEnv.DEV).allowlist(STAFF)
                .allowlist(AllowlistSources.of(Allowlist.empty(), "variable SOSOPS_RECIPIENT_ALLOWLIST")).build();
        GuardDecision.Refused refusal = refused(dev.check(Send.sms("+15555550190", "+15555550101", "+15555550102")));
        assertThat(refusal.rule()).isEqualTo(RuleId.RECIPIENT_NOT_ALLOWLISTED);
        assertThat(refusal.reason()).isEqualTo("2 of 3 recipients are not on the dev allowlist (+1********01, "
                + "+1********02); dev messages only allowlisted recipients (add them to fixed allowlist, variable "
                + "SOSOPS_RECIPIENT_ALLOWLIST) unless the send carries a staff authorization and a test-data or "
                + "authorized-real-data label");
        assertThat(refusal.refusedRecipients()).containsExactly("+15555550101", "+15555550102");
        assertThat(refused(guard(AppEnv.STAGING).check(Send.sms(VOTERS.subList(0, 3)))).reason())
                .startsWith("3 of 3 recipients are not on the staging allowlist (+1********01, +1********02, +1********03);");
    }

    @Test
    void prodNeedsAStaffAuthorizationForRealRecipients() {
        GuardDecision.Refused refusal = refused(guard(AppEnv.PROD).check(Send.sms(VOTERS).forList(LIST)));
        assertThat(refusal.rule()).isEqualTo(RuleId.RECIPIENT_UNAUTHORIZED);
        assertThat(refusal.reason()).endsWith("recipients are not on the prod allowlist (+1********01, +1********02, "
                + "+1********03 and 2 more); a send to real recipients in prod needs a staff authorization for its list");
    }

    @Test
    void refusesAnAuthorizationItCannotVerify() {
        RecipientGuard noSecret = RecipientGuard.builder(AppEnv.PROD).allowlist(STAFF).clock(clock).build();
        assertThat(refused(noSecret.check(toVoters(sign(grant(AppEnv.PROD))))).reason())
                .endsWith("; the send carries a staff authorization but the guard has no AUTH_SECRET to verify it with");
        assertThat(refused(guard(AppEnv.PROD).check(toVoters("Bearer let-me-in"))).reason())
                .endsWith("; the staff authorization is refused: the authorization token is not a sosops-auth.v1 token");
    }

    @Test
    void allowsABatchUnderAValidAuthorizationAndItsLabel() {
        for (AppEnv env : List.of(AppEnv.DEV, AppEnv.STAGING, AppEnv.PROD)) {
            assertThat(guard(env).check(toVoters(sign(grant(env))))).as(env.id())
                    .isEqualTo(new GuardDecision.Allowed(5, Optional.of("auth-1")));
        }
    }

    @Test
    void refusesAnAuthorizationForAnotherEnvironmentOrList() {
        RecipientGuard staging = guard(AppEnv.STAGING);
        assertThat(refused(staging.check(toVoters(sign(grant(AppEnv.PROD))))).reason())
                .endsWith("; staff authorization auth-1 was issued for prod, not staging");
        String token = sign(grant(AppEnv.STAGING));
        assertThat(refused(staging.check(Send.sms(VOTERS).authorizedBy(token).labeled(DataLabel.TEST_DATA))).reason())
                .endsWith("; staff authorization auth-1 covers list 'gotv' but the send names no list");
        assertThat(refused(staging.check(Send.sms(VOTERS).forList("shifts").authorizedBy(token)
                .labeled(DataLabel.TEST_DATA))).reason())
                .endsWith("; staff authorization auth-1 covers list 'gotv', not 'shifts'");
    }

    @Test
    void anAuthorizationExpiresAtItsExpiryTime() {
        RecipientGuard staging = guard(AppEnv.STAGING);
        String token = sign(grant(AppEnv.STAGING));
        clock.advance(Duration.ofHours(1).minusMillis(1));
        assertThat(staging.check(toVoters(token)).allowed()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(refused(staging.check(toVoters(token))).reason())
                .endsWith("; staff authorization auth-1 expired at 2026-11-22T10:00:00Z");
    }

    @Test
    void toleratesFiveMinutesOfClockSkewOnTheIssueTime() {
        RecipientGuard staging = guard(AppEnv.STAGING);
        Instant skewed = NOW.plus(RecipientGuard.MAX_CLOCK_SKEW);
        String withinSkew = sign(new StaffAuthorization("auth-2", "maria.ops", LIST, AppEnv.STAGING, 5, skewed,
                skewed.plus(Duration.ofHours(1)), DataLabel.TEST_DATA));
        assertThat(staging.check(toVoters(withinSkew)).allowed()).isTrue();
        Instant early = skewed.plusSeconds(1);
        String tooEarly = sign(new StaffAuthorization("auth-3", "maria.ops", LIST, AppEnv.STAGING, 5, early,
                early.plus(Duration.ofHours(1)), DataLabel.TEST_DATA));
        assertThat(refused(staging.check(toVoters(tooEarly))).reason()).endsWith("; staff authorization auth-3 is issued "
                + "at 2026-11-22T09:05:01Z, in the future; check the clocks");
    }

    @Test
    void allowsABatchOfExactlyTheCeiling() {
        RecipientGuard prod = guard(AppEnv.PROD);
        StaffAuthorization four = new StaffAuthorization("auth-4", "maria.ops", LIST, AppEnv.PROD, 4, NOW,
                NOW.plusSeconds(60), DataLabel.TEST_DATA);
        assertThat(prod.check(Send.sms(VOTERS.subList(0, 4)).forList(LIST).authorizedBy(sign(four))).allowed()).isTrue();
        assertThat(refused(prod.check(Send.sms(VOTERS).forList(LIST).authorizedBy(sign(four)))).reason())
                .endsWith("; staff authorization auth-4 allows at most 4 recipients per send; this send has 5");
    }

    @Test
    void devAndStagingRequireTheLabelTheAuthorizationNamesButProdDoesNot() {
        String staging = sign(grant(AppEnv.STAGING));
        assertThat(refused(guard(AppEnv.STAGING).check(Send.sms(VOTERS).forList(LIST).authorizedBy(staging))).reason())
                .endsWith("; staff authorization auth-1 requires the batch to be labeled test-data in staging");
        assertThat(refused(guard(AppEnv.STAGING).check(Send.sms(VOTERS).forList(LIST).authorizedBy(staging)
                .labeled(DataLabel.AUTHORIZED_REAL_DATA))).reason())
                .endsWith("; staff authorization auth-1 covers test-data, but the batch is labeled authorized-real-data");
        String prod = sign(grant(AppEnv.PROD));
        assertThat(guard(AppEnv.PROD).check(Send.sms(VOTERS).forList(LIST).authorizedBy(prod)).allowed()).isTrue();
        assertThat(guard(AppEnv.PROD).check(Send.sms(VOTERS).forList(LIST).authorizedBy(prod)
                .labeled(DataLabel.AUTHORIZED_REAL_DATA)).allowed()).isTrue();
    }

    @Test
    void refusesAWholeBatchForUnreadableRecipientsWhateverTheAuthorization() {
        RecipientGuard prod = guard(AppEnv.PROD);
        List<String> twelve = IntStream.rangeClosed(1, 12).mapToObj(i -> "call " + i).collect(Collectors.toList());
        GuardDecision.Refused many = refused(prod.check(Send.sms(twelve).forList(LIST).authorizedBy(sign(grant(AppEnv.PROD)))));
        assertThat(many.rule()).isEqualTo(RuleId.RECIPIENT_UNAUTHORIZED);
        assertThat(many.reason()).isEqualTo("recipient #1, #2, #3, #4, #5, #6, #7, #8, #9, #10 and 2 more of 12 are not "
                + "phone numbers libphonenumber can read (region US is assumed without +country); nothing is sent");
        assertThat(many.refusedRecipients()).isEqualTo(twelve);
        GuardDecision.Refused ten = refused(prod.check(Send.sms(twelve.subList(0, 10))));
        assertThat(ten.reason()).startsWith("recipient #1, #2, #3, #4, #5, #6, #7, #8, #9, #10 of 10 are not phone");
        GuardDecision.Refused one = refused(guard(AppEnv.DEV).check(Send.email("+15555550101@", "staff01@example.org",
                "voter@example.org")));
        assertThat(one.reason()).isEqualTo("recipient #1 of 3 is not one of the plain e-mail addresses; nothing is sent");
        assertThat(one.refusedRecipients()).containsExactly("+15555550101@");
    }

    @Test
    void failsClosedWhileASourceIsDownButTrustsTheOthers() {
        AllowlistSource database = new AllowlistSource() {
            @Override
            public Allowlist current() throws AllowlistUnavailableException {
                throw new AllowlistUnavailableException("connection refused");
            }

            @Override
            public String description() {
                return "table allowlist";
            }
        };
        AllowlistSource file = new AllowlistSource() {
            @Override
            public Allowlist current() {
                throw new IllegalStateException("disk gone");
            }

            @Override
            public String description() {
                return "file allowlist.txt";
            }
        };
        RecipientGuard guard = RecipientGuard.builder(AppEnv.DEV).auditing(false).allowlist(database).allowlist(file)
                .allowlist(STAFF).build();
        assertThat(guard.checkSms("+15555550190").allowed()).isTrue();
        assertThat(guard.checkEmail("staff01@example.org").allowed()).isTrue();
        assertThat(refused(guard.checkSms("+15555550101")).reason()).contains(" (+1********01); allowlist source "
                + "unavailable: table allowlist (connection refused); file allowlist.txt (disk gone); dev messages");
        assertThat(refused(guard.checkSms("+15555550101")).reason()).contains("(add them to table allowlist, "
                + "file allowlist.txt, fixed allowlist)");
    }

    @Test
    void findsACanonicalRecipientOnAnyOfItsSources() {
        Allowlist team = Allowlist.builder(US).add("+15555550199").add("team@example.org").build();
        for (boolean auditing : List.of(true, false)) {
            RecipientGuard guard = RecipientGuard.builder(AppEnv.DEV).auditing(auditing).allowlist(STAFF)
                    .allowlist(team).build();
            assertThat(guard.checkSms("+15555550199").allowed()).isTrue();
            assertThat(guard.checkEmail("team@example.org").allowed()).isTrue();
            assertThat(guard.checkSms("+15555550198").allowed()).isFalse();
            assertThat(guard.checkEmail("other@example.org").allowed()).isFalse();
        }
    }

    @Test
    void auditsEveryDecisionWithWhatWasDecidedAndWhy() {
        RecipientGuard staging = guard(AppEnv.STAGING);
        staging.checkEmail("staff01@example.org");
        AuditEvent allowlisted = audit.get(0);
        assertThat(allowlisted).isEqualTo(new AuditEvent(NOW, AppEnv.STAGING, Channel.EMAIL, true, Optional.empty(),
                "all recipients allowlisted", 1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

        clock.advance(Duration.ofMinutes(1));
        staging.check(toVoters(sign(grant(AppEnv.STAGING))));
        assertThat(audit.get(1)).isEqualTo(new AuditEvent(NOW.plusSeconds(60), AppEnv.STAGING, Channel.SMS, true,
                Optional.empty(), "covered by staff authorization auth-1", 5, Optional.of(LIST), Optional.of("auth-1"),
                Optional.of("maria.ops"), Optional.of(DataLabel.TEST_DATA)));

        GuardDecision.Refused refusal = refused(staging.check(Send.sms(VOTERS).forList(LIST).authorizedBy(
                sign(grant(AppEnv.STAGING))).labeled(DataLabel.AUTHORIZED_REAL_DATA)));
        AuditEvent refusedEvent = audit.get(2);
        assertThat(refusedEvent.allowed()).isFalse();
        assertThat(refusedEvent.rule()).contains(RuleId.RECIPIENT_NOT_ALLOWLISTED);
        assertThat(refusedEvent.reason()).isEqualTo(refusal.reason());
        assertThat(refusedEvent.authorizationId()).as("the authorization presented, though refused").contains("auth-1");
        assertThat(refusedEvent.staffMember()).contains("maria.ops");
        assertThat(refusedEvent.label()).contains(DataLabel.AUTHORIZED_REAL_DATA);
        assertThat(audit).hasSize(3);
    }

    @Test
    void auditsByDefaultWhereAuditMayBeSwitchedOff() {
        RecipientGuard dev = RecipientGuard.builder(AppEnv.DEV).allowlist(STAFF).auditSink(audit::add).build();
        dev.checkSms("+15555550190");
        dev.checkEmail("staff01@example.org");
        assertThat(audit).hasSize(2);
        RecipientGuard quiet = RecipientGuard.builder(AppEnv.DEV).auditing(false).allowlist(STAFF).auditSink(audit::add)
                .build();
        assertThat(quiet.checkSms("+15555550190").allowed()).isTrue();
        assertThat(quiet.checkSms("+15555550101").allowed()).isFalse();
        assertThat(quiet.checkEmail("Staff01@example.org").allowed()).isTrue();
        assertThat(audit).hasSize(2);
    }

    @Test
    void cannotSwitchTheAuditOffInStagingOrProd() {
        assertThatThrownBy(() -> RecipientGuard.builder(AppEnv.STAGING).auditing(false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("audit is always on in staging; the recipient guard's audit log cannot be switched off");
        assertThatThrownBy(() -> RecipientGuard.builder(AppEnv.PROD).auditing(false)).isInstanceOf(IllegalStateException.class);
        RecipientGuard prod = RecipientGuard.builder(AppEnv.PROD).auditing(true).allowlist(STAFF).auditSink(audit::add).build();
        prod.checkSms("+15555550190");
        assertThat(audit).hasSize(1);
    }

    @Test
    void refusesWhatItCannotAuditWhereAuditIsAlwaysOn() {
        AuditSink broken = event -> {
            throw new IllegalStateException("audit table unavailable");
        };
        for (AppEnv env : List.of(AppEnv.STAGING, AppEnv.PROD)) {
            RecipientGuard guard = RecipientGuard.builder(env).allowlist(STAFF).auditSink(broken).build();
            GuardDecision.Refused refusal = refused(guard.checkSms("+15555550190"));
            assertThat(refusal.rule()).isEqualTo(env == AppEnv.PROD ? RuleId.RECIPIENT_UNAUTHORIZED
                    : RuleId.RECIPIENT_NOT_ALLOWLISTED);
            assertThat(refusal.reason()).isEqualTo("the audit sink failed (IllegalStateException) and audit is always on in "
                    + env.id() + "; nothing is sent unaudited");
            assertThat(refusal.refusedRecipients()).isEmpty();
            assertThat(refused(guard.checkSms("+15555550101")).reason()).startsWith("1 of 1 recipients is not on");
        }
        for (AppEnv env : List.of(AppEnv.LOCAL, AppEnv.DEV)) {
            RecipientGuard guard = RecipientGuard.builder(env).allowlist(STAFF).auditSink(broken).build();
            assertThat(guard.checkSms("+15555550190").allowed()).as(env.id()).isTrue();
        }
    }

    @Test
    void readsNumbersInTheRegionOfItsNormalizer() {
        RecipientNormalizer gb = RecipientNormalizer.forRegion("GB");
        RecipientGuard london = RecipientGuard.builder(AppEnv.DEV).normalizer(gb)
                .allowlist(Allowlist.builder(gb).add("020 7946 0018").build()).build();
        assertThat(london.checkSms("020 7946 0018").allowed()).isTrue();
        assertThat(refused(london.checkSms("not a number")).reason()).contains("(region GB is assumed without +country)");
    }

    @Test
    void describesItselfWithoutItsSecretOrLists() {
        RecipientGuard guard = guard(AppEnv.STAGING);
        assertThat(guard.environment()).isEqualTo(AppEnv.STAGING);
        assertThat(guard).hasToString("RecipientGuard[staging, 1 allowlist sources]");
    }
}
