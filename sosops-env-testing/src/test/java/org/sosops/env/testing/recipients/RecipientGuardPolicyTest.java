package org.sosops.env.testing.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.DataLabel;
import org.sosops.env.core.recipients.GuardDecision;
import org.sosops.env.core.recipients.Send;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.testing.junit.SosOpsEnvironment;
import org.sosops.env.testing.junit.SosOpsTestEnvironment;

/**
 * The policy table of docs/environments.md ("messaging to real recipients") and issue 4, environment by
 * environment, through the testing module's extension. The allowlist holds the fake staff
 * (+15555550190..99); the fake voters (+15555550100..49) stand for real people.
 */
class RecipientGuardPolicyTest {
    static final String STAFF_PHONE = FakeContacts.staff().get(0).phone();
    static final String STAFF_EMAIL = FakeContacts.staff().get(0).email();
    static final List<String> VOTER_PHONES = FakeContacts.phones(FakeContacts.voters()).subList(0, 5);
    static final String VOTER_PHONE = VOTER_PHONES.get(0);
    static final String LIST = "gotv-reminders";

    static GuardDecision.Refused refused(GuardDecision decision) {
        assertThat(decision).isInstanceOf(GuardDecision.Refused.class);
        return (GuardDecision.Refused) decision;
    }

    /** What every environment does alike. */
    abstract static class EveryEnvironment {
        abstract RuleId rule();

        @Test
        void allowsAnAllowlistedNumberInAnyWrittenForm(SosOpsTestEnvironment env) {
            assertThat(env.guard().checkSms("+15555550190").allowed()).isTrue();
            assertThat(env.guard().checkSms("(555) 555-0190").allowed()).isTrue();
            assertThat(env.guard().checkSms("+1 555 555 0190").allowed()).isTrue();
            assertThat(env.guard().checkSms("555.555.0190").allowed()).isTrue();
        }

        @Test
        void allowsAnAllowlistedAddressWhateverItsCase(SosOpsTestEnvironment env) {
            assertThat(env.guard().checkEmail(STAFF_EMAIL).allowed()).isTrue();
            assertThat(env.guard().checkEmail("  " + STAFF_EMAIL.toUpperCase(java.util.Locale.ROOT) + " ").allowed()).isTrue();
        }

        @Test
        void refusesANumberNotOnTheAllowlistWithoutAnAuthorization(SosOpsTestEnvironment env) {
            GuardDecision.Refused refusal = refused(env.guard().checkSms("(555) 555-0101"));
            assertThat(refusal.rule()).isEqualTo(rule());
            assertThat(refusal.refusedRecipients()).containsExactly("+15555550101");
            assertThat(refusal.reason()).contains("not on the " + env.environment().id() + " allowlist")
                    .doesNotContain("5555550101");
        }

        @Test
        void refusesAnAddressNotOnTheAllowlist(SosOpsTestEnvironment env) {
            GuardDecision.Refused refusal = refused(env.guard().checkEmail("voter001@example.org"));
            assertThat(refusal.rule()).isEqualTo(rule());
            assertThat(refusal.reason()).contains("v***@example.org").doesNotContain("voter001");
        }

        @Test
        void refusesAnUnreadableNumberOrAddressWhateverTheAuthorization(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).label(DataLabel.TEST_DATA).sign();
            GuardDecision.Refused number = refused(env.guard().check(Send.sms(STAFF_PHONE, "call me maybe")
                    .forList(LIST).authorizedBy(token).labeled(DataLabel.TEST_DATA)));
            assertThat(number.rule()).isEqualTo(rule());
            assertThat(number.reason()).contains("#2 of 2").contains("libphonenumber");
            GuardDecision.Refused address = refused(env.guard().checkEmail("not-an-address"));
            assertThat(address.reason()).contains("plain e-mail addresses");
        }

        @Test
        void refusesAWholeBatchForOneRecipientOffTheAllowlist(SosOpsTestEnvironment env) {
            GuardDecision.Refused refusal = refused(env.guard().check(
                    Send.sms(FakeContacts.staff().get(1).phone(), VOTER_PHONE, FakeContacts.staff().get(2).phone())));
            assertThat(refusal.refusedRecipients()).containsExactly(VOTER_PHONE);
            assertThat(refusal.reason()).startsWith("1 of 3 recipients is not on the");
        }

        @Test
        void allowsAWholeDomainButNotItsSubdomains(SosOpsTestEnvironment env) {
            env.allowlist().replace(FakeAllowlists.allowlist(List.of("@Campaign-Example.org")));
            assertThat(env.guard().checkEmail("Anyone@campaign-example.org").allowed()).isTrue();
            assertThat(env.guard().checkEmail("anyone@mail.campaign-example.org").allowed()).isFalse();
        }

        @Test
        void failsClosedWhileTheAllowlistSourceIsDown(SosOpsTestEnvironment env) {
            env.allowlist().goDown("connection refused");
            GuardDecision.Refused refusal = refused(env.guard().checkSms(STAFF_PHONE));
            assertThat(refusal.rule()).isEqualTo(rule());
            assertThat(refusal.reason()).contains("allowlist source unavailable").contains("connection refused");
            env.allowlist().comeBack();
            assertThat(env.guard().checkSms(STAFF_PHONE).allowed()).isTrue();
        }

        @Test
        void auditsEveryDecision(SosOpsTestEnvironment env) {
            env.guard().checkSms(STAFF_PHONE);
            env.guard().check(Send.sms(VOTER_PHONES).forList(LIST));
            assertThat(env.audit().events()).hasSize(2);
            assertThat(env.audit().events().get(0).allowed()).isTrue();
            assertThat(env.audit().last().allowed()).isFalse();
            assertThat(env.audit().last().rule()).contains(rule());
            assertThat(env.audit().last().recipients()).isEqualTo(5);
            assertThat(env.audit().last().listId()).contains(LIST);
            assertThat(env.audit().last().at()).isEqualTo(env.clock().instant());
        }
    }

    /** dev and staging: allowlist only, unless authorized and labeled. */
    abstract static class AuthorizedWhenLabeled extends EveryEnvironment {
        @Override
        RuleId rule() {
            return RuleId.RECIPIENT_NOT_ALLOWLISTED;
        }

        @Test
        void allowsABatchOffTheAllowlistWithAnAuthorizationAndItsTestDataLabel(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).staffMember("maria.ops").label(DataLabel.TEST_DATA).sign();
            GuardDecision decision = env.guard().check(Send.sms(VOTER_PHONES).forList(LIST).authorizedBy(token)
                    .labeled(DataLabel.TEST_DATA));
            assertThat(decision).isInstanceOf(GuardDecision.Allowed.class);
            assertThat(((GuardDecision.Allowed) decision).authorizationId()).isPresent();
            assertThat(env.audit().last().staffMember()).contains("maria.ops");
            assertThat(env.audit().last().label()).contains(DataLabel.TEST_DATA);
        }

        @Test
        void allowsExplicitlyAuthorizedRealDataLabeledAsSuch(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).label(DataLabel.AUTHORIZED_REAL_DATA).sign();
            assertThat(env.guard().check(Send.sms(VOTER_PHONES).forList(LIST).authorizedBy(token)
                    .labeled(DataLabel.AUTHORIZED_REAL_DATA)).allowed()).isTrue();
        }

        @Test
        void refusesAnAuthorizedBatchThatIsNotLabeled(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).sign();
            GuardDecision.Refused refusal = refused(env.guard().check(Send.sms(VOTER_PHONES).forList(LIST).authorizedBy(token)));
            assertThat(refusal.rule()).isEqualTo(RuleId.RECIPIENT_NOT_ALLOWLISTED);
            assertThat(refusal.reason()).contains("requires the batch to be labeled test-data");
        }

        @Test
        void refusesRealDataUnderATestDataAuthorization(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).label(DataLabel.TEST_DATA).sign();
            GuardDecision.Refused refusal = refused(env.guard().check(Send.sms(VOTER_PHONES).forList(LIST)
                    .authorizedBy(token).labeled(DataLabel.AUTHORIZED_REAL_DATA)));
            assertThat(refusal.reason()).contains("covers test-data, but the batch is labeled authorized-real-data");
        }
    }

    /** What an authorization must be, wherever it counts (dev, staging, prod). */
    abstract static class AuthorizationChecks extends AuthorizedWhenLabeled {
        private Send send(String token) {
            return Send.sms(VOTER_PHONES).forList(LIST).authorizedBy(token).labeled(DataLabel.TEST_DATA);
        }

        @Test
        void refusesAnExpiredAuthorization(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).validFor(Duration.ofMinutes(30)).sign();
            assertThat(env.guard().check(send(token)).allowed()).isTrue();
            env.clock().advance(Duration.ofMinutes(30));
            assertThat(refused(env.guard().check(send(token))).reason()).contains("expired at");
        }

        @Test
        void refusesATamperedAuthorization(SosOpsTestEnvironment env) {
            String token = FakeAuthorizations.tampered(env.authorizations().grant(LIST).maxRecipients(2).sign());
            GuardDecision.Refused refusal = refused(env.guard().check(send(token)));
            assertThat(refusal.rule()).isEqualTo(rule());
            assertThat(refusal.reason()).contains("signature does not match");
        }

        @Test
        void refusesAnAuthorizationSignedWithAnotherSecret(SosOpsTestEnvironment env) {
            String forged = FakeAuthorizations.forged(env.authorizations().grant(LIST).authorization());
            assertThat(refused(env.guard().check(send(forged))).reason()).contains("signature does not match");
        }

        @Test
        void refusesAnAuthorizationForAnotherEnvironment(SosOpsTestEnvironment env) {
            AppEnv other = env.environment() == AppEnv.PROD ? AppEnv.STAGING : AppEnv.PROD;
            String token = env.authorizations().grant(LIST).environment(other).sign();
            assertThat(refused(env.guard().check(send(token))).reason()).contains("was issued for " + other.id());
        }

        @Test
        void refusesAnAuthorizationForAnotherList(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant("volunteer-shifts").sign();
            assertThat(refused(env.guard().check(send(token))).reason())
                    .contains("covers list 'volunteer-shifts', not '" + LIST + "'");
            assertThat(refused(env.guard().check(Send.sms(VOTER_PHONES).authorizedBy(token)
                    .labeled(DataLabel.TEST_DATA))).reason()).contains("the send names no list");
        }

        @Test
        void refusesABatchLargerThanTheCeiling(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).maxRecipients(4).sign();
            assertThat(refused(env.guard().check(send(token))).reason())
                    .contains("allows at most 4 recipients per send; this send has 5");
        }

        @Test
        void refusesAGarbageToken(SosOpsTestEnvironment env) {
            assertThat(refused(env.guard().check(send("Bearer let-me-in"))).reason())
                    .contains("not a sosops-auth.v1 token");
        }

        @Test
        void stillAllowsUnderAValidAuthorizationWhileTheAllowlistIsDown(SosOpsTestEnvironment env) {
            env.allowlist().goDown("connection refused");
            String token = env.authorizations().grant(LIST).sign();
            assertThat(env.guard().check(send(token)).allowed()).isTrue();
        }
    }

    @Nested
    @SosOpsEnvironment(AppEnv.LOCAL)
    class Local extends EveryEnvironment {
        @Override
        RuleId rule() {
            return RuleId.RECIPIENT_NOT_ALLOWLISTED;
        }

        @Test
        void refusesRecipientsOffTheAllowlistEvenWithAnAuthorizationAndALabel(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).sign();
            GuardDecision.Refused refusal = refused(env.guard().check(Send.sms(VOTER_PHONES).forList(LIST)
                    .authorizedBy(token).labeled(DataLabel.TEST_DATA)));
            assertThat(refusal.rule()).isEqualTo(RuleId.RECIPIENT_NOT_ALLOWLISTED);
            assertThat(refusal.reason()).contains("local never messages anyone outside the allowlist");
        }

        @Test
        void mayRunWithoutAnAuditLog(SosOpsTestEnvironment env) {
            org.sosops.env.core.recipients.RecipientGuard quiet = org.sosops.env.core.recipients.RecipientGuard
                    .builder(AppEnv.LOCAL).auditing(false).auditSink(env.audit()).build();
            quiet.checkSms(STAFF_PHONE);
            assertThat(env.audit().events()).isEmpty();
        }
    }

    @Nested
    @SosOpsEnvironment(AppEnv.DEV)
    class Dev extends AuthorizationChecks {
    }

    @Nested
    @SosOpsEnvironment(AppEnv.STAGING)
    class Staging extends AuthorizationChecks {
    }

    @Nested
    @SosOpsEnvironment(AppEnv.PROD)
    class Prod extends EveryEnvironment {
        @Override
        RuleId rule() {
            return RuleId.RECIPIENT_UNAUTHORIZED;
        }

        private Send send(String token) {
            return Send.sms(VOTER_PHONES).forList(LIST).authorizedBy(token);
        }

        @Test
        void allowsARealListWithAStaffAuthorizationAndNoLabel(SosOpsTestEnvironment env) {
            String token = env.authorizations().grant(LIST).label(DataLabel.AUTHORIZED_REAL_DATA).maxRecipients(5).sign();
            GuardDecision decision = env.guard().check(send(token));
            assertThat(decision.allowed()).isTrue();
            assertThat(env.audit().last().authorizationId()).isPresent();
        }

        @Test
        void refusesARealListWithoutAuthorizationAsUnauthorized(SosOpsTestEnvironment env) {
            GuardDecision.Refused refusal = refused(env.guard().check(Send.sms(VOTER_PHONES).forList(LIST)));
            assertThat(refusal.rule()).isEqualTo(RuleId.RECIPIENT_UNAUTHORIZED);
            assertThat(refusal.reason()).contains("needs a staff authorization");
            assertThat(refusal.refusedRecipients()).hasSize(5);
        }

        @Test
        void refusesExpiredTamperedForeignAndOversizedAuthorizations(SosOpsTestEnvironment env) {
            String valid = env.authorizations().grant(LIST).maxRecipients(5).validFor(Duration.ofHours(1)).sign();
            assertThat(env.guard().check(send(valid)).allowed()).isTrue();
            assertThat(refused(env.guard().check(send(FakeAuthorizations.tampered(valid)))).rule())
                    .isEqualTo(RuleId.RECIPIENT_UNAUTHORIZED);
            assertThat(refused(env.guard().check(send(env.authorizations().grant(LIST).environment(AppEnv.STAGING)
                    .sign()))).reason()).contains("issued for staging");
            assertThat(refused(env.guard().check(send(env.authorizations().grant(LIST).maxRecipients(3).sign())))
                    .reason()).contains("at most 3");
            env.clock().advance(Duration.ofHours(1));
            assertThat(refused(env.guard().check(send(valid))).reason()).contains("expired");
        }

        @Test
        void refusesAnAuthorizationIssuedFarInTheFuture(SosOpsTestEnvironment env) {
            String early = env.authorizations().grant(LIST).issuedAt(env.clock().instant().plus(Duration.ofHours(1))).sign();
            assertThat(refused(env.guard().check(send(early))).reason()).contains("in the future");
        }
    }
}
