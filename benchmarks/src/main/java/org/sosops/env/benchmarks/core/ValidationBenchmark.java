package org.sosops.env.benchmarks.core;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Variables;

/**
 * Validating one complete environment with the discovered rule engine, built once. Target: at
 * most 10 µs per validation, warm. Two environments: staging with SendGrid (the EC public key
 * check is the costliest format) and prod with Postmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidationBenchmark {
    private RuleEngine engine;
    private RuleContext staging;
    private RuleContext prod;
    private RuleContext broken;

    @Setup
    public void setUp() {
        engine = RuleEngine.discover();
        Clock clock = Clock.systemUTC();
        staging = new RuleContext(Optional.of(AppEnv.STAGING), Variables.of(Map.ofEntries(
                Map.entry("APP_ENV", "staging"),
                Map.entry("APP_URL", "https://staging.sosops.example.org"),
                Map.entry("AUTH_SECRET", "pfhlBB6m3uIV85Ly1Iout8qgqW3C2P7ayGrGscYlyxSrPTBd"),
                Map.entry("LOG_LEVEL", "info"),
                Map.entry("DATABASE_URL",
                        "postgresql://sos_staging:IaDNqMasGSudXngzcZFQXfhm@staging-db.sosops.internal:5432/sos_ops_staging"),
                Map.entry("TWILIO_ACCOUNT_SID", "ACab924c2207476f19417d55bbd991bed9"),
                Map.entry("TWILIO_AUTH_TOKEN", "9405896f43fe37a3121c944d43518dc5"),
                Map.entry("TWILIO_MESSAGING_SERVICE_SID", "MG72a641ca0619a2ea4761e0b4df266341"),
                Map.entry("EMAIL_PROVIDER", "sendgrid"),
                Map.entry("EMAIL_API_KEY", "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"),
                Map.entry("EMAIL_FROM_NAME", "SOS Ops Staging"),
                Map.entry("EMAIL_FROM_EMAIL", "ops-staging@sosops.example.org"),
                Map.entry("EMAIL_WEBHOOK_SIGNING_SECRET", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIxj4F3YjP2aWLAV5OkeSn2Mkw3LRgZmdc8g49"
                        + "CadEX/l0aJTTTaMQsyXtbjUnedpO6Dx31+9yl5M166ndfbzrw=="),
                Map.entry("UPSTASH_REDIS_REST_URL", "https://staging-sosops.upstash.example.io"),
                Map.entry("UPSTASH_REDIS_REST_TOKEN", "vz1QPyh7jifhsmnbwtm1DIjxWTny7YcWO7uTKibC"))), clock);
        prod = new RuleContext(Optional.of(AppEnv.PROD), Variables.of(Map.ofEntries(
                Map.entry("APP_ENV", "prod"),
                Map.entry("APP_URL", "https://app.sosops.example.org"),
                Map.entry("AUTH_SECRET", "rKTDkYEshR6GPAbqFKL5etQNAiST5ica1TsPy19kURFF5alZ"),
                Map.entry("LOG_LEVEL", "info"),
                Map.entry("DATABASE_URL",
                        "postgresql://sos_prod:lvvj0znc5IsCBLmIZ0qGgTAq@prod-db.sosops.internal:5432/sos_ops_prod"),
                Map.entry("TWILIO_ACCOUNT_SID", "ACd7ba63f2dd7cc6e3fa083edd9a3906c0"),
                Map.entry("TWILIO_AUTH_TOKEN", "a7603f92de72c1a148986559255e4bf2"),
                Map.entry("TWILIO_MESSAGING_SERVICE_SID", "MGc155a03c6db245476eda8873d1299c12"),
                Map.entry("EMAIL_PROVIDER", "postmark"),
                Map.entry("EMAIL_API_KEY", "8d052edd-d533-41a9-9883-f7a2f3f0a028"),
                Map.entry("EMAIL_FROM_NAME", "SOS Ops Prod"),
                Map.entry("EMAIL_FROM_EMAIL", "ops-prod@sosops.example.org"),
                Map.entry("EMAIL_WEBHOOK_SIGNING_SECRET", "i4WFHZogBPzkHEPEa6f5gjxt1AlJnHFpWi8oFFWu"),
                Map.entry("UPSTASH_REDIS_REST_URL", "https://prod-sosops.upstash.example.io"),
                Map.entry("UPSTASH_REDIS_REST_TOKEN", "24SILnGFz5OpHRoudyw2nqCeRfPfh3cDALyF57Z2"))), clock);
        broken = new RuleContext(Optional.of(AppEnv.STAGING), Variables.of(Map.of(
                "APP_ENV", "staging",
                "APP_URL", "http://staging.sosops.example.org",
                "AUTH_SECRET", "changeme",
                "LOG_LEVEL", "verbose",
                "DATABASE_URL", "postgresql://u:Wq8LbX2mZp4RkT9vN3cYhJ6d@localhost:5432/sos_ops_dev")), clock);
        if (!engine.evaluate(staging).ok() || !engine.evaluate(prod).ok() || engine.evaluate(broken).ok()) {
            throw new IllegalStateException("benchmark inputs no longer give the expected verdicts");
        }
    }

    @Benchmark
    public ValidationReport validateCompleteStagingWithSendGrid() {
        return engine.evaluate(staging);
    }

    @Benchmark
    public ValidationReport validateCompleteProdWithPostmark() {
        return engine.evaluate(prod);
    }

    @Benchmark
    public ValidationReport validateBrokenStaging() {
        return engine.evaluate(broken);
    }
}
