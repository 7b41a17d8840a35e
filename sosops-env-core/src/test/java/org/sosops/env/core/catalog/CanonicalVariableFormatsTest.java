package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sosops.env.core.Samples;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.variables.Variables;

/** Every format rule of the catalog, with values it accepts and values it refuses. */
class CanonicalVariableFormatsTest {

    private static Optional<FormatProblem> check(CanonicalVariable variable, String value, AppEnv env,
                                                 Map<String, String> others) {
        return variable.formatCheck().check(value, Optional.ofNullable(env), Variables.of(others));
    }

    private static Optional<FormatProblem> check(CanonicalVariable variable, String value, AppEnv env) {
        return check(variable, value, env, Map.of());
    }

    private static Optional<FormatProblem> check(CanonicalVariable variable, String value) {
        return check(variable, value, AppEnv.DEV);
    }

    private static void assertInvalid(Optional<FormatProblem> problem) {
        assertThat(problem).get().extracting(FormatProblem::kind).isEqualTo(FormatProblem.Kind.INVALID);
    }

    private static void assertWeak(Optional<FormatProblem> problem) {
        assertThat(problem).get().extracting(FormatProblem::kind).isEqualTo(FormatProblem.Kind.WEAK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:3000", "https://app.example.org", "https://app.example.org/base?x=1",
            "HTTPS://App.Example.org:8443/", "http://127.0.0.1", "http://[::1]:8080/"})
    void appUrlAcceptsAbsoluteHttpUrlsOutsideStagingAndProd(String url) {
        assertThat(check(CanonicalVariable.APP_URL, url, AppEnv.DEV)).isEmpty();
        assertThat(check(CanonicalVariable.APP_URL, url, AppEnv.LOCAL)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:3000", "/relative", "ftp://example.org", "https://", "https:///path",
            "http://exa mple.org", "https://user:pw@example.org", "https://example.org:99999", "https://example.org:port",
            "mailto:ops@example.org", "https://bad%zzescape.org", "http://-bad.example.org"})
    void appUrlRefusesAnythingButAnAbsoluteHttpUrlWithAHost(String url) {
        assertInvalid(check(CanonicalVariable.APP_URL, url, AppEnv.DEV));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void appUrlMustBeHttpsInStagingAndProd(String env) {
        AppEnv appEnv = AppEnv.parse(env).orElseThrow();
        assertThat(check(CanonicalVariable.APP_URL, "https://app.example.org", appEnv)).isEmpty();
        assertThat(check(CanonicalVariable.APP_URL, "http://app.example.org", appEnv)).get()
                .extracting(FormatProblem::message).isEqualTo("must use https in " + env);
    }

    @Test
    void appUrlDoesNotDemandHttpsWhenTheEnvironmentIsUnknown() {
        assertThat(check(CanonicalVariable.APP_URL, "http://app.example.org", null)).isEmpty();
    }

    @Test
    void authSecretAcceptsALongRandomValue() {
        assertThat(check(CanonicalVariable.AUTH_SECRET, Samples.AUTH_SECRET)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"changeme", "<your-auth-secret>", "your-secret-here", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "short-but-random-Q7x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababababababababab",
            "${AUTH_SECRET}", "example-auth-secret-that-is-long-enough", "secret"})
    void authSecretRefusesShortPlaceholderAndLowEntropyValuesAsWeak(String value) {
        assertWeak(check(CanonicalVariable.AUTH_SECRET, value));
    }

    @Test
    void authSecretNamesTheLengthButNeverTheValue() {
        assertThat(check(CanonicalVariable.AUTH_SECRET, "Qz8v1Lp0Rt")).get().extracting(FormatProblem::message)
                .isEqualTo("is 10 characters long; at least 32 are required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace", "debug", "info", "warn", "error", "INFO", "Warn"})
    void logLevelAcceptsTheFiveLevelsInAnyCase(String level) {
        assertThat(check(CanonicalVariable.LOG_LEVEL, level)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"verbose", "warning", "fatal", "off", "0"})
    void logLevelRefusesOtherWords(String level) {
        assertInvalid(check(CanonicalVariable.LOG_LEVEL, level));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://u:p4ssW0rdQ@db.internal:5432/sos_ops_dev",
            "postgresql://db.internal/sos_ops_dev", "jdbc:postgresql://db.internal:6543/sos_ops_dev?sslmode=require",
            "postgresql:///sos_ops_dev", "postgresql://u@[2001:db8::1]:5432/sos_ops_dev"})
    void databaseUrlAcceptsPostgresUrlsWithADatabaseName(String url) {
        assertThat(check(CanonicalVariable.DATABASE_URL, url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://db/sos_ops_dev", "postgresql://db.internal:5432/", "postgresql://db.internal",
            "postgresql://db.internal:abc/sos_ops_dev", "postgresql://db internal/sos_ops_dev", "sos_ops_dev",
            "postgresql://db.internal/a/b"})
    void databaseUrlRefusesOtherSchemesAndUrlsWithoutADatabase(String url) {
        assertInvalid(check(CanonicalVariable.DATABASE_URL, url));
    }

    @Test
    void databaseUrlWithAPlaceholderPasswordIsWeak() {
        assertWeak(check(CanonicalVariable.DATABASE_URL, "postgresql://u:changeme@db.internal/sos_ops_dev"));
    }

    @ParameterizedTest
    @CsvSource({"TWILIO_ACCOUNT_SID, AC", "TWILIO_MESSAGING_SERVICE_SID, MG"})
    void twilioSidsAreTheirPrefixAnd32LowerCaseHexCharacters(String name, String prefix) {
        CanonicalVariable variable = CanonicalVariable.valueOf(name);
        assertThat(check(variable, prefix + "0123456789abcdef0123456789abcdef")).isEmpty();
        assertInvalid(check(variable, prefix + "0123456789ABCDEF0123456789ABCDEF"));
        assertInvalid(check(variable, prefix + "0123456789abcdef"));
        assertInvalid(check(variable, (prefix.equals("AC") ? "MG" : "AC") + "0123456789abcdef0123456789abcdef"));
        assertInvalid(check(variable, prefix + "0123456789abcdef0123456789abcdeg"));
    }

    @Test
    void twilioAuthTokenIs32HexCharacters() {
        assertThat(check(CanonicalVariable.TWILIO_AUTH_TOKEN, Samples.TWILIO_AUTH_TOKEN)).isEmpty();
        assertInvalid(check(CanonicalVariable.TWILIO_AUTH_TOKEN, "9405896f43fe37a3121c944d43518dc"));
        assertInvalid(check(CanonicalVariable.TWILIO_AUTH_TOKEN, "9405896f43fe37a3121c944d43518dcZ"));
        assertWeak(check(CanonicalVariable.TWILIO_AUTH_TOKEN, "your-twilio-auth-token"));
        assertWeak(check(CanonicalVariable.TWILIO_AUTH_TOKEN, "00000000000000000000000000000000"));
    }

    @ParameterizedTest
    @CsvSource({"sendgrid, true", "postmark, true", "SendGrid, false", "mailgun, false", "'', false"})
    void emailProviderIsSendgridOrPostmark(String provider, boolean valid) {
        assertThat(check(CanonicalVariable.EMAIL_PROVIDER, provider).isEmpty()).isEqualTo(valid);
    }

    @Test
    void emailApiKeyFollowsTheProvider() {
        Map<String, String> sendgrid = Map.of("EMAIL_PROVIDER", "sendgrid");
        Map<String, String> postmark = Map.of("EMAIL_PROVIDER", "postmark");
        assertThat(check(CanonicalVariable.EMAIL_API_KEY, Samples.SENDGRID_KEY, AppEnv.DEV, sendgrid)).isEmpty();
        assertInvalid(check(CanonicalVariable.EMAIL_API_KEY, Samples.POSTMARK_TOKEN, AppEnv.DEV, sendgrid));
        assertThat(check(CanonicalVariable.EMAIL_API_KEY, Samples.POSTMARK_TOKEN, AppEnv.DEV, postmark)).isEmpty();
        assertInvalid(check(CanonicalVariable.EMAIL_API_KEY, Samples.SENDGRID_KEY, AppEnv.DEV, postmark));
        assertInvalid(check(CanonicalVariable.EMAIL_API_KEY, "SG.short.key", AppEnv.DEV, sendgrid));
        assertWeak(check(CanonicalVariable.EMAIL_API_KEY, "SG.your-key-here", AppEnv.DEV, sendgrid));
    }

    @Test
    void emailApiKeyWithoutAKnownProviderMayBeEitherKind() {
        assertThat(check(CanonicalVariable.EMAIL_API_KEY, Samples.SENDGRID_KEY)).isEmpty();
        assertThat(check(CanonicalVariable.EMAIL_API_KEY, Samples.POSTMARK_TOKEN)).isEmpty();
        assertInvalid(check(CanonicalVariable.EMAIL_API_KEY, "k3y-0f-s0me-0ther-pr0vider-12345"));
    }

    @Test
    void sendgridWebhookSecretMustBeAnEcPublicKeyOnTheCurve() {
        Map<String, String> sendgrid = Map.of("EMAIL_PROVIDER", "sendgrid");
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, Samples.SENDGRID_VERIFICATION_KEY,
                AppEnv.STAGING, sendgrid)).isEmpty();
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, Samples.freshP256PublicKey(),
                AppEnv.STAGING, sendgrid)).isEmpty();
        byte[] der = java.util.Base64.getDecoder().decode(Samples.SENDGRID_VERIFICATION_KEY);
        der[40] ^= 0x01;
        String offCurve = java.util.Base64.getEncoder().encodeToString(der);
        assertInvalid(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, offCurve, AppEnv.STAGING, sendgrid));
        assertInvalid(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "bm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0",
                AppEnv.STAGING, sendgrid));
        assertInvalid(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "%%% not base64 %%%",
                AppEnv.STAGING, sendgrid));
    }

    @Test
    void sendgridWebhookSecretAcceptsOtherCurvesThroughThePlatformKeyFactory() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        String p384 = java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, p384, AppEnv.PROD,
                Map.of("EMAIL_PROVIDER", "sendgrid"))).isEmpty();
    }

    @Test
    void postmarkWebhookSecretIsASharedTokenOfAtLeast16Characters() {
        Map<String, String> postmark = Map.of("EMAIL_PROVIDER", "postmark");
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, Samples.POSTMARK_WEBHOOK_TOKEN, AppEnv.PROD,
                postmark)).isEmpty();
        assertWeak(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "Tk7q2Zp", AppEnv.PROD, postmark));
        assertWeak(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "<shared-token>", AppEnv.PROD, postmark));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMAIL_FROM_NAME"})
    void nonEmptyVariablesRefuseBlanks(String name) {
        assertThat(check(CanonicalVariable.valueOf(name), "SOS Ops")).isEmpty();
        assertInvalid(check(CanonicalVariable.valueOf(name), "   "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TWILIO_WEBHOOK_SIGNING_SECRET", "UPSTASH_REDIS_REST_TOKEN", "BLOB_READ_WRITE_TOKEN"})
    void nonEmptySecretsRefuseBlanksAndPlaceholders(String name) {
        CanonicalVariable variable = CanonicalVariable.valueOf(name);
        assertThat(check(variable, Samples.REDIS_TOKEN)).isEmpty();
        assertInvalid(check(variable, ""));
        assertWeak(check(variable, "replace-me"));
    }

    @ParameterizedTest
    @CsvSource({"ops@example.org, true", "first.last+tag@mail.example.co.uk, true", "not-an-address, false",
            "ops@localhost, false", "@example.org, false", "ops@@example.org, false", "'ops @example.org', false"})
    void emailFromEmailIsAnAddress(String address, boolean valid) {
        assertThat(check(CanonicalVariable.EMAIL_FROM_EMAIL, address).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"https://x.upstash.io, true", "http://x.upstash.io, false", "x.upstash.io, false"})
    void upstashUrlMustBeHttps(String url, boolean valid) {
        assertThat(check(CanonicalVariable.UPSTASH_REDIS_REST_URL, url).isEmpty()).isEqualTo(valid);
    }

    @Test
    void formatProblemsNeverQuoteTheValue() {
        String value = "Zq9v-SECRET-VALUE-3k";
        for (CanonicalVariable variable : CanonicalVariable.values()) {
            for (AppEnv env : AppEnv.values()) {
                check(variable, value, env, Map.of("EMAIL_PROVIDER", "sendgrid")).ifPresent(problem ->
                        assertThat(problem.message()).as(variable.name()).doesNotContain(value).doesNotContain("SECRET"));
            }
        }
    }

    @Test
    void catalogMatchesTheContractTable() {
        assertThat(CanonicalVariable.values()).extracting(Enum::name).containsExactly(
                "APP_ENV", "APP_URL", "AUTH_SECRET", "LOG_LEVEL", "DATABASE_URL", "TWILIO_ACCOUNT_SID",
                "TWILIO_AUTH_TOKEN", "TWILIO_MESSAGING_SERVICE_SID", "TWILIO_WEBHOOK_SIGNING_SECRET", "EMAIL_PROVIDER",
                "EMAIL_API_KEY", "EMAIL_FROM_NAME", "EMAIL_FROM_EMAIL", "EMAIL_WEBHOOK_SIGNING_SECRET",
                "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "BLOB_READ_WRITE_TOKEN",
                "FEATURE_FLAG_ENV_OVERRIDES_JSON", "FEATURE_FLAG_ORG_OVERRIDES_JSON", "ENTITLEMENT_ENV_OVERRIDES_JSON",
                "ENTITLEMENT_ORG_OVERRIDES_JSON");
        assertThat(java.util.Arrays.stream(CanonicalVariable.values()).filter(CanonicalVariable::isSecret))
                .extracting(Enum::name).containsExactly("AUTH_SECRET", "DATABASE_URL", "TWILIO_AUTH_TOKEN",
                        "TWILIO_WEBHOOK_SIGNING_SECRET", "EMAIL_API_KEY", "EMAIL_WEBHOOK_SIGNING_SECRET",
                        "UPSTASH_REDIS_REST_TOKEN", "BLOB_READ_WRITE_TOKEN");
        assertThat(CanonicalVariable.DATABASE_URL.requiredIn(AppEnv.LOCAL)).isFalse();
        assertThat(CanonicalVariable.DATABASE_URL.requiredIn(AppEnv.DEV)).isTrue();
        assertThat(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET.requiredIn(AppEnv.DEV)).isTrue();
        assertThat(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET.requiredIn(AppEnv.LOCAL)).isFalse();
        assertThat(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET.requiredIn(AppEnv.STAGING)).isTrue();
        assertThat(CanonicalVariable.byName("NOPE")).isEmpty();
        assertThat(CanonicalVariable.isSecretName("TWILIO_AUTH_TOKEN")).isTrue();
        assertThat(CanonicalVariable.isSecretName("APP_URL")).isFalse();
    }
}
