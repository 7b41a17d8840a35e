package org.sosops.env.testing.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.EnvironmentPolicyLoader;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.core.variables.Variables;

/**
 * A complete, valid set of canonical variables for one environment, with fresh random secrets
 * every time one is built (two fake environments never share a secret, an URL or a sender), and
 * deliberate faults on request. It never reads or changes the process environment.
 *
 * <pre>{@code
 * FakeEnvironment staging = FakeEnvironment.of(AppEnv.STAGING);
 * EnvironmentPolicy policy = staging.policy();                       // passes validation for real
 *
 * FakeEnvironment broken = FakeEnvironment.builder(AppEnv.PROD)
 *         .broken(Breakage.WEAK_AUTH_SECRET)
 *         .set("LOG_LEVEL", "debug")
 *         .build();
 * broken.validate().findings();                                      // secret-weak on AUTH_SECRET
 * }</pre>
 */
public final class FakeEnvironment {
    private final AppEnv environment;
    private final Variables variables;
    private final Optional<KeyPair> sendGridKeys;
    private final Set<Breakage> breakages;

    private FakeEnvironment(AppEnv environment, Variables variables, Optional<KeyPair> sendGridKeys,
                            Set<Breakage> breakages) {
        this.environment = environment;
        this.variables = variables;
        this.sendGridKeys = sendGridKeys;
        this.breakages = breakages;
    }

    /** A valid environment with Postmark as the e-mail provider. */
    public static FakeEnvironment of(AppEnv environment) {
        return builder(environment).build();
    }

    public static Builder builder(AppEnv environment) {
        return new Builder(environment);
    }

    /** One valid fake of each environment, sharing no secret or identity: a clean cross-environment set. */
    public static Map<AppEnv, FakeEnvironment> allFour() {
        Map<AppEnv, FakeEnvironment> all = new EnumMap<>(AppEnv.class);
        for (AppEnv env : AppEnv.values()) {
            all.put(env, of(env));
        }
        return all;
    }

    public AppEnv environment() {
        return environment;
    }

    public Variables variables() {
        return variables;
    }

    /** The variables as a plain map, e.g. for {@link EnvironmentPolicyLoader#processEnvironment(Map)}. */
    public Map<String, String> asMap() {
        return variables.toPlainMap();
    }

    public Optional<String> value(String name) {
        return variables.value(name);
    }

    public Optional<Secret> secret(String name) {
        return variables.value(name).map(Secret::of);
    }

    /** This environment's {@code AUTH_SECRET} (absent only when broken on purpose). */
    public Secret authSecret() {
        return secret("AUTH_SECRET").orElseThrow(() -> new IllegalStateException(
                "this fake " + environment.id() + " environment has no AUTH_SECRET (built with " + breakages + ")"));
    }

    /** The faults built in; empty for a valid environment. */
    public Set<Breakage> breakages() {
        return breakages;
    }

    /**
     * The private key whose public half is {@code EMAIL_WEBHOOK_SIGNING_SECRET}, when the provider
     * is SendGrid: sign events with it and the real verifier accepts them.
     */
    public Optional<PrivateKey> sendGridSigningKey() {
        return sendGridKeys.map(KeyPair::getPrivate);
    }

    /** A policy loader over these variables only: no process environment, no {@code SOSOPS_ENV_FILE}. */
    public EnvironmentPolicyLoader loader() {
        return EnvironmentPolicy.loader().processEnvironment(asMap()).ignoreProcessSettings();
    }

    /** Validates with every rule on the class path. */
    public ValidationReport validate() {
        return loader().validate();
    }

    /**
     * The validated policy.
     *
     * @throws org.sosops.env.core.EnvironmentPolicyException when built broken
     */
    public EnvironmentPolicy policy() {
        return loader().load();
    }

    /** Writes the variables as a {@code .env} file (for command-line tests) and returns it. */
    public Path writeDotEnv(Path file) {
        StringBuilder text = new StringBuilder("# Fake ").append(environment.id())
                .append(" environment: random values, no real credentials.\n");
        variables.toPlainMap().forEach((name, value) -> text.append(name).append('=')
                .append(value.contains(" ") ? "\"" + value + "\"" : value).append('\n'));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fake environment to " + file, e);
        }
        return file;
    }

    @Override
    public String toString() {
        return "FakeEnvironment[" + environment.id() + (breakages.isEmpty() ? "" : ", broken " + breakages) + ", "
                + variables.names().size() + " variables]";
    }

    /** Configures a {@link FakeEnvironment}. */
    public static final class Builder {
        private final AppEnv environment;
        private final Map<String, Optional<String>> overrides = new LinkedHashMap<>();
        private final Set<Breakage> breakages = EnumSet.noneOf(Breakage.class);
        private String emailProvider = "postmark";

        private Builder(AppEnv environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        /** Sets or replaces a variable after the generated ones (and after any breakage). */
        public Builder set(String name, String value) {
            overrides.put(Objects.requireNonNull(name, "name"), Optional.of(Objects.requireNonNull(value, "value")));
            return this;
        }

        public Builder unset(String name) {
            overrides.put(Objects.requireNonNull(name, "name"), Optional.empty());
            return this;
        }

        public Builder broken(Breakage... faults) {
            breakages.addAll(Arrays.asList(faults));
            return this;
        }

        /** {@code postmark} (default) or {@code sendgrid}; SendGrid gets a real P-256 verification key. */
        public Builder emailProvider(String provider) {
            if (!provider.equals("postmark") && !provider.equals("sendgrid")) {
                throw new IllegalArgumentException("email provider must be postmark or sendgrid, not '" + provider + "'");
            }
            this.emailProvider = provider;
            return this;
        }

        public FakeEnvironment build() {
            String env = environment.id();
            String tag = RandomValues.hex(8);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("APP_ENV", env);
            values.put("APP_URL", environment == AppEnv.LOCAL ? "http://localhost:3000"
                    : "https://" + env + "-" + tag + ".sosops-fake.test");
            values.put("AUTH_SECRET", RandomValues.strongAlphanumeric(48));
            values.put("LOG_LEVEL", environment == AppEnv.LOCAL ? "debug" : "info");
            if (environment != AppEnv.LOCAL) {
                values.put("DATABASE_URL", "postgresql://sos_" + env + ":" + RandomValues.strongAlphanumeric(24)
                        + "@" + env + "-db-" + tag + ".sosops-fake.test:5432/sos_ops_" + env);
            }
            values.put("TWILIO_ACCOUNT_SID", "AC" + RandomValues.hex(32));
            values.put("TWILIO_AUTH_TOKEN", RandomValues.strongHex(32));
            values.put("TWILIO_MESSAGING_SERVICE_SID", "MG" + RandomValues.hex(32));
            values.put("EMAIL_PROVIDER", emailProvider);
            Optional<KeyPair> keys = Optional.empty();
            if (emailProvider.equals("sendgrid")) {
                keys = Optional.of(p256KeyPair());
                values.put("EMAIL_API_KEY", "SG." + RandomValues.urlSafe(22) + "." + RandomValues.urlSafe(43));
                values.put("EMAIL_WEBHOOK_SIGNING_SECRET",
                        Base64.getEncoder().encodeToString(keys.get().getPublic().getEncoded()));
            } else {
                values.put("EMAIL_API_KEY", RandomValues.uuid());
                values.put("EMAIL_WEBHOOK_SIGNING_SECRET", RandomValues.strongAlphanumeric(40));
                if (environment == AppEnv.PROD) {
                    // Prod accepts Postmark's token only from Postmark's addresses (documentation ranges here).
                    values.put("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST", "192.0.2.0/24");
                }
            }
            values.put("EMAIL_FROM_NAME", "SOS Ops " + env + " (fake)");
            values.put("EMAIL_FROM_EMAIL", "ops-" + env + "-" + tag + "@example.org");
            values.put("UPSTASH_REDIS_REST_URL", "https://" + env + "-" + tag + ".upstash.sosops-fake.test");
            values.put("UPSTASH_REDIS_REST_TOKEN", RandomValues.strongAlphanumeric(40));
            for (Breakage breakage : breakages) {
                applyBreakage(breakage, values);
            }
            overrides.forEach((name, value) -> {
                if (value.isPresent()) {
                    values.put(name, value.get());
                } else {
                    values.remove(name);
                }
            });
            return new FakeEnvironment(environment, Variables.of(values), keys,
                    breakages.isEmpty() ? Set.of() : Set.copyOf(breakages));
        }

        private void applyBreakage(Breakage breakage, Map<String, String> values) {
            switch (breakage) {
                case INVALID_APP_ENV -> values.put("APP_ENV", "production");
                case MISSING_AUTH_SECRET -> values.remove("AUTH_SECRET");
                case WEAK_AUTH_SECRET -> values.put("AUTH_SECRET", "changeme-changeme-changeme-changeme");
                case INVALID_LOG_LEVEL -> values.put("LOG_LEVEL", "verbose");
                case INVALID_APP_URL -> values.put("APP_URL", "not a url");
                case MALFORMED_TWILIO_ACCOUNT_SID -> values.put("TWILIO_ACCOUNT_SID", "AC" + RandomValues.hex(20));
                case WRONG_DATABASE -> values.put("DATABASE_URL", "postgresql://sos:" + RandomValues.strongAlphanumeric(24)
                        + "@shared-db-" + RandomValues.hex(8) + ".sosops-fake.test:5432/sos_ops_shared");
                default -> throw new IllegalStateException("unhandled breakage " + breakage);
            }
        }

        private static KeyPair p256KeyPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's EC provider is required for a SendGrid key", e);
            }
        }
    }
}
