package org.sosops.env.core.hygiene.crossenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

/** What {@link CrossEnvironmentCheck} says, word for word, and in which order. */
class CrossEnvironmentMessagesTest {
    private static final byte[] SALT = {1, 2, 3};
    private static final String X = "d1eb54aff8b6e646bf27074c5443c8a0";
    private static final String Y = "Zr8vQ2kL9xT4mN7pQ1wE3rT5";
    private final CrossEnvironmentCheck check = CrossEnvironmentCheck.withSalt(SALT);

    private static Variables vars(String... namesAndValues) {
        Variables.Builder builder = Variables.builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    private static String whereAndWhat(Finding f) {
        return f.environment().orElseThrow() + " " + f.variable().orElseThrow();
    }

    @Test
    void aSharedSecretNamesEveryOtherHolderButItself() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, vars("AUTH_SECRET", X),
                AppEnv.STAGING, vars("AUTH_SECRET", X),
                AppEnv.PROD, vars("DATABASE_URL", "postgresql://sos:" + X + "@db/sos_ops_prod")));
        String fingerprint = Fingerprints.shortFingerprint(SALT, X);

        assertThat(findings).extracting(Finding::message).containsExactly(
                "AUTH_SECRET in dev has the same value as AUTH_SECRET in staging, the password in DATABASE_URL in prod"
                        + " (fingerprint " + fingerprint + "); give every environment its own secret",
                "AUTH_SECRET in staging has the same value as AUTH_SECRET in dev, the password in DATABASE_URL in prod"
                        + " (fingerprint " + fingerprint + "); give every environment its own secret",
                "The password in DATABASE_URL in prod has the same value as AUTH_SECRET in dev, AUTH_SECRET in staging"
                        + " (fingerprint " + fingerprint + "); give every environment its own secret");
    }

    @Test
    void findingsComeInEnvironmentOrderThenLineThenVariable() {
        Variables prod = Variables.builder()
                .put(new VariableValue("AUTH_SECRET", X, Optional.of(Location.of("prod.env", 9))))
                .put(new VariableValue("BLOB_READ_WRITE_TOKEN", Y, Optional.of(Location.of("prod.env", 2))))
                .build();
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, vars("UPSTASH_REDIS_REST_TOKEN", Y),
                AppEnv.STAGING, vars("AUTH_SECRET", X),
                AppEnv.PROD, prod));

        assertThat(findings).extracting(CrossEnvironmentMessagesTest::whereAndWhat).containsExactly(
                "dev UPSTASH_REDIS_REST_TOKEN", "staging AUTH_SECRET", "prod BLOB_READ_WRITE_TOKEN", "prod AUTH_SECRET");
        assertThat(findings.get(2).location()).contains(Location.of("prod.env", 2));
    }

    @Test
    void findingsOfOneEnvironmentWithoutLinesComeInVariableOrder() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, vars("AUTH_SECRET", Y, "TWILIO_AUTH_TOKEN", X),
                AppEnv.PROD, vars("AUTH_SECRET", X, "TWILIO_AUTH_TOKEN", Y)));

        assertThat(findings).extracting(CrossEnvironmentMessagesTest::whereAndWhat).containsExactly(
                "dev AUTH_SECRET", "dev TWILIO_AUTH_TOKEN", "prod AUTH_SECRET", "prod TWILIO_AUTH_TOKEN");
    }

    @Test
    void aSharedIdentityNamesTheOtherEnvironmentsAndWhatIsShared() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.DEV, vars("DATABASE_URL", "postgresql:///sos_ops", "APP_URL", "https://app.example.org"),
                AppEnv.STAGING, vars("DATABASE_URL", "postgresql:///sos_ops"),
                AppEnv.PROD, vars("DATABASE_URL", "postgres:///sos_ops", "APP_URL", "https://app.example.org/")));

        assertThat(findings).extracting(CrossEnvironmentMessagesTest::whereAndWhat).containsExactly(
                "dev APP_URL", "dev DATABASE_URL", "staging DATABASE_URL", "prod APP_URL", "prod DATABASE_URL");
        assertThat(findings.get(1).message()).isEqualTo("The database of DATABASE_URL in dev is the same as in staging, prod"
                + " (host (local socket), database sos_ops); each environment needs its own");
        assertThat(findings.get(3).message()).isEqualTo(
                "APP_URL in prod is the same as in dev (https://app.example.org); each environment needs its own");
    }

    @Test
    void aHostIdentityIsComparedAsWritten() {
        List<Finding> findings = check.check(Map.of(
                AppEnv.STAGING, vars("TENANT_BUCKET", "tenant-files"),
                AppEnv.PROD, vars("TENANT_BUCKET", "tenant-files")));

        assertThat(findings).extracting(Finding::message).containsExactly(
                "TENANT_BUCKET in staging is the same as in prod (tenant-files); each environment needs its own",
                "TENANT_BUCKET in prod is the same as in staging (tenant-files); each environment needs its own");
    }
}
