package org.sosops.env.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AppEnvTest {

    @Test
    void parsesExactlyTheFourCanonicalNames() {
        assertThat(AppEnv.parse("local")).contains(AppEnv.LOCAL);
        assertThat(AppEnv.parse("dev")).contains(AppEnv.DEV);
        assertThat(AppEnv.parse("staging")).contains(AppEnv.STAGING);
        assertThat(AppEnv.parse("prod")).contains(AppEnv.PROD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Prod", "PROD", " prod", "prod ", "production", "stage", "qa"})
    void refusesAnythingThatIsNotExactlyCanonical(String value) {
        assertThat(AppEnv.parse(value)).isEmpty();
    }

    @Test
    void refusesAMissingValue() {
        assertThat(AppEnv.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "production, prod", "Production, prod", "PRD, prod", "live, prod", "prdo, prod",
            "development, dev", "develop, dev", "deve, dev",
            "stage, staging", "stg, staging", "Staging, staging", "stagin, staging", "preprod, staging",
            "localhost, local", "locl, local", "' local ', local"})
    void suggestsTheClosestCanonicalName(String typed, String suggestion) {
        assertThat(AppEnv.closestTo(typed)).map(AppEnv::id).contains(suggestion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "kubernetes", "xyz123", " "})
    void suggestsNothingForValuesFarFromEveryName(String typed) {
        assertThat(AppEnv.closestTo(typed)).isEmpty();
    }

    @Test
    void suggestsNothingForAMissingValue() {
        assertThat(AppEnv.closestTo(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // A typo at the end of the word: the last column of the edit distance decides.
            "devv, dev", "prodd, prod", "locall, local", "stagingg, staging",
            // Two letters away from prod and from dev: the earlier declared environment wins.
            "od, prod",
            // One letter from dev, two from prod: strictly closer wins, a tie never overrides it.
            "dod, dev"})
    void measuresTheEditDistanceToEveryLetterOfTheName(String typed, String suggestion) {
        assertThat(AppEnv.closestTo(typed)).map(AppEnv::id).contains(suggestion);
    }

    @Test
    void spellsItsIdInLowerCase() {
        assertThat(AppEnv.PROD.id()).isEqualTo("prod");
        assertThat(AppEnv.STAGING).hasToString("staging");
    }

    @ParameterizedTest(name = "{0}: strict RBAC {1}, audit {2}, backups {3}, strict webhooks {4}, rate limits {5}, alerts {6}, real recipients {7}, migrations proven on {8}")
    @CsvSource({
            "local,   false, false, NONE,                       false, false, false, NEVER,                    ''",
            "dev,     false, false, NONE,                       true,  true,  false, WITH_STAFF_AUTHORIZATION_AND_LABEL, local",
            "staging, true,  true,  WEEKLY,                     true,  true,  true,  WITH_STAFF_AUTHORIZATION_AND_LABEL, dev",
            "prod,    true,  true,  DAILY_AND_MONTHLY_SNAPSHOT, true,  true,  true,  WITH_STAFF_AUTHORIZATION, staging"})
    void carriesTheTraitsOfTheContractTable(String id, boolean strictRbac, boolean auditAlwaysOn,
                                           BackupExpectation backups, boolean strictWebhooks, boolean rateLimits,
                                           boolean alerts, RealRecipientPolicy recipients, String provenOn) {
        AppEnv env = AppEnv.parse(id).orElseThrow();
        EnvironmentTraits traits = env.traits();
        assertThat(traits.strictRbac()).isEqualTo(strictRbac);
        assertThat(traits.auditAlwaysOn()).isEqualTo(auditAlwaysOn);
        assertThat(traits.backups()).isEqualTo(backups);
        assertThat(traits.strictWebhookVerification()).isEqualTo(strictWebhooks);
        assertThat(traits.rateLimitingEnabled()).isEqualTo(rateLimits);
        assertThat(traits.alertsOnWebhookFailures()).isEqualTo(alerts);
        assertThat(traits.realRecipients()).isEqualTo(recipients);
        assertThat(env.migrationsProvenOn()).isEqualTo(provenOn.isEmpty() ? Optional.empty() : AppEnv.parse(provenOn));
    }
}
