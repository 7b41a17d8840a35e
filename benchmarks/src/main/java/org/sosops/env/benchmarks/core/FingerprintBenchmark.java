package org.sosops.env.benchmarks.core;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.crossenv.FingerprintList;
import org.sosops.env.core.hygiene.crossenv.SharedSecretStartupRule;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.secret.Fingerprints;
import org.sosops.env.core.variables.Variables;

/**
 * The two sides of the slow secret fingerprints: what one guess against a leaked list costs
 * ({@code oneGuess}: one PBKDF2 derivation at the default work factor; target at least 10 ms) and
 * what a prod host pays at start-up to check its eight secrets against the other environments'
 * combined list ({@code startUpCheck}; target under 100 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FingerprintBenchmark {
    private final byte[] salt = new byte[16];
    private SharedSecretStartupRule rule;
    private RuleContext prod;
    private int guess;

    @Setup
    public void setUp() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("APP_ENV", "prod");
        secrets.put("AUTH_SECRET", "rKTDkYEshR6GPAbqFKL5etQNAiST5ica1TsPy19kURFF5alZ");
        secrets.put("DATABASE_URL", "postgresql://sos_prod:lvvj0znc5IsCBLmIZ0qGgTAq@prod-db.sosops.internal/sos_ops_prod");
        secrets.put("TWILIO_AUTH_TOKEN", "a7603f92de72c1a148986559255e4bf2");
        secrets.put("TWILIO_WEBHOOK_SIGNING_SECRET", "Vn3Kp8Qw2Ze5Rt7Yu1Io4Mx6Lc9Bd");
        secrets.put("EMAIL_API_KEY", "8d052edd-d533-41a9-9883-f7a2f3f0a028");
        secrets.put("EMAIL_WEBHOOK_SIGNING_SECRET", "i4WFHZogBPzkHEPEa6f5gjxt1AlJnHFpWi8oFFWu");
        secrets.put("UPSTASH_REDIS_REST_TOKEN", "24SILnGFz5OpHRoudyw2nqCeRfPfh3cDALyF57Z2");
        secrets.put("BLOB_READ_WRITE_TOKEN", "vercel_blob_rw_Pz6Qy1Rx8Sw3TvQ2");
        // Dev, staging and local lists made with one salt (--same-salt-as), as the docs advise.
        byte[] listSalt = "sixteen-byte-slt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        StringBuilder combined = new StringBuilder();
        for (AppEnv other : new AppEnv[] {AppEnv.LOCAL, AppEnv.DEV, AppEnv.STAGING}) {
            Map<String, String> theirs = new LinkedHashMap<>();
            secrets.forEach((k, v) -> theirs.put(k, k.equals("APP_ENV") ? other.id() : v + "-" + other.id()));
            // Their own database password (a suffix on the URL would only change the database name).
            theirs.put("DATABASE_URL", "postgresql://sos_" + other.id() + ":Qm7vT2xK9pLw4Zr8Nc3Fh6Bj-" + other.id()
                    + "@" + other.id() + "-db.sosops.internal/sos_ops_" + other.id());
            combined.append(FingerprintList.of(other, Variables.of(theirs), listSalt, Fingerprints.DEFAULT_ITERATIONS)
                    .toText());
        }
        secrets.put(SharedSecretStartupRule.INLINE_SETTING, combined.toString());
        prod = new RuleContext(Optional.of(AppEnv.PROD), Variables.of(secrets), Clock.systemUTC());
        rule = new SharedSecretStartupRule();
    }

    @Benchmark
    public String oneGuess() {
        return Fingerprints.derive(salt, Fingerprints.DEFAULT_ITERATIONS, "guess-" + (guess++));
    }

    @Benchmark
    public int startUpCheck() {
        int[] count = {0};
        Consumer<Finding> findings = f -> count[0]++;
        rule.evaluate(prod, findings);
        if (count[0] != 0) {
            throw new IllegalStateException("the benchmark's prod secrets must not match the other lists");
        }
        return count[0];
    }
}
