package org.sosops.env.core;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.sosops.env.core.catalog.Catalog;
import org.sosops.env.core.catalog.CatalogVariable;
import org.sosops.env.core.catalog.Provider;
import org.sosops.env.core.dotenv.DotEnvException;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.register.ExceptionRegister;
import org.sosops.env.core.register.RegisterException;
import org.sosops.env.core.rules.RuleContext;
import org.sosops.env.core.rules.RuleEngine;
import org.sosops.env.core.rules.ValidationReport;
import org.sosops.env.core.variables.Variables;

/**
 * Configures how an {@link EnvironmentPolicy} is loaded. Not thread-safe; the policy it builds is.
 *
 * <pre>{@code
 * EnvironmentPolicy policy = EnvironmentPolicy.loader()
 *         .envFile(Path.of(".env"))
 *         .register(Path.of("RISKS_DECISIONS.md"))
 *         .providers(Provider.TWILIO, Provider.SENDGRID)     // as SOSOPS_PROVIDERS=twilio,sendgrid
 *         .variable(CatalogVariable.builder("STRIPE_SECRET_KEY").secret().requiredIn(AppEnv.PROD).build())
 *         .load();
 * }</pre>
 *
 * <p>The exception register is the one named here, else the file of
 * {@code SOSOPS_RISKS_DECISIONS_FILE}, else {@code master_build/RISKS_DECISIONS.md} or
 * {@code ./RISKS_DECISIONS.md} when one exists.
 */
public final class EnvironmentPolicyLoader {
    /** Comma-separated {@code .env} files read before the process environment. */
    public static final String ENV_FILE_SETTING = "SOSOPS_ENV_FILE";
    /** Path of the exception register applied at start-up. */
    public static final String REGISTER_SETTING = ExceptionRegister.SETTING;

    private final List<Path> envFiles = new ArrayList<>();
    private Map<String, String> processEnvironment = System.getenv();
    private boolean processEnvironmentSettings = true;
    private Path register;
    private AppEnv expected;
    private Clock clock = Clock.systemUTC();
    private RuleEngine engine;
    private Set<Provider> providers;
    private final List<CatalogVariable> hostVariables = new ArrayList<>();
    private Catalog catalog;
    private Path directory = Path.of("");

    EnvironmentPolicyLoader() {
    }

    /** Adds a {@code .env} file; later files win over earlier ones. */
    public EnvironmentPolicyLoader envFile(Path file) {
        envFiles.add(Objects.requireNonNull(file));
        return this;
    }

    public EnvironmentPolicyLoader envFiles(List<Path> files) {
        files.forEach(this::envFile);
        return this;
    }

    /** The environment variables consulted for names no file sets (default: {@link System#getenv()}). */
    public EnvironmentPolicyLoader processEnvironment(Map<String, String> environment) {
        this.processEnvironment = Map.copyOf(environment);
        return this;
    }

    /**
     * Ignores {@code SOSOPS_ENV_FILE} and {@code SOSOPS_RISKS_DECISIONS_FILE} in the process
     * environment, and the register's default locations: only what this loader is told counts.
     */
    public EnvironmentPolicyLoader ignoreProcessSettings() {
        this.processEnvironmentSettings = false;
        return this;
    }

    public EnvironmentPolicyLoader register(Path file) {
        this.register = file;
        return this;
    }

    /** Validates as this environment; an APP_ENV that disagrees is reported. */
    public EnvironmentPolicyLoader expectEnvironment(AppEnv environment) {
        this.expected = environment;
        return this;
    }

    public EnvironmentPolicyLoader clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /**
     * The providers the host uses, overriding {@code SOSOPS_PROVIDERS}: the variables of the others
     * are not required. What the Spring property {@code sosops.providers} feeds.
     */
    public EnvironmentPolicyLoader providers(Set<Provider> used) {
        this.providers = Set.copyOf(used);
        return this;
    }

    public EnvironmentPolicyLoader providers(Provider... used) {
        return providers(Set.of(used));
    }

    /**
     * A list as {@code SOSOPS_PROVIDERS} takes it ({@code twilio,sendgrid}).
     *
     * @throws IllegalArgumentException naming an unknown provider
     */
    public EnvironmentPolicyLoader providers(String list) {
        return providers(Catalog.builder().providers(list).build().providers());
    }

    /** Adds a host variable to the catalog: it joins the report, the secret checks and the fingerprints. */
    public EnvironmentPolicyLoader variable(CatalogVariable variable) {
        hostVariables.add(java.util.Objects.requireNonNull(variable));
        return this;
    }

    /**
     * The whole catalog, replacing the default ({@link Catalog#defaults()}, {@code SOSOPS_PROVIDERS},
     * and what {@link #providers} and {@link #variable} add).
     */
    public EnvironmentPolicyLoader catalog(Catalog catalog) {
        this.catalog = java.util.Objects.requireNonNull(catalog);
        return this;
    }

    /** Where the register's default locations are looked up (default: the working directory); for tests. */
    EnvironmentPolicyLoader directory(Path directory) {
        this.directory = java.util.Objects.requireNonNull(directory);
        return this;
    }

    /** The rules to run (default: {@link RuleEngine#discover()}). */
    public EnvironmentPolicyLoader rules(RuleEngine engine) {
        this.engine = Objects.requireNonNull(engine);
        return this;
    }

    /** The variables as files and process environment give them, before any validation. */
    public Variables variables() {
        Variables.Builder builder = Variables.builder();
        for (Path file : allEnvFiles()) {
            builder.addAll(DotEnvReader.read(file));
        }
        return builder.addMissingFrom(processEnvironment).build();
    }

    /**
     * Validates without throwing for findings.
     *
     * @throws DotEnvException   when an env file is missing or malformed
     * @throws RegisterException when the named register cannot be read
     */
    public ValidationReport validate() {
        return evaluate(variables()).report;
    }

    /**
     * Loads and validates.
     *
     * @throws EnvironmentPolicyException with the full report when anything blocks or input is unreadable
     */
    public EnvironmentPolicy load() {
        Evaluation evaluation;
        try {
            evaluation = evaluate(variables());
        } catch (DotEnvException e) {
            throw new EnvironmentPolicyException("Environment configuration cannot be read: " + e.getMessage(), null);
        } catch (RegisterException e) {
            throw new EnvironmentPolicyException("Exception register cannot be read: " + e.getMessage(), null);
        }
        ValidationReport report = evaluation.report;
        if (!report.ok() || evaluation.environment.isEmpty()) {
            String name = evaluation.environment.map(AppEnv::id).orElse("an unknown environment");
            throw new EnvironmentPolicyException(
                    "Environment policy check failed for " + name + ":\n" + report.toText(), report);
        }
        return new EnvironmentPolicy(evaluation.environment.get(), evaluation.variables, report, evaluation.catalog);
    }

    /** The catalog validation uses for these variables. */
    Catalog catalogFor(Variables variables) {
        if (catalog != null) {
            return catalog;
        }
        Catalog base = Catalog.forVariables(variables);
        if (!hostVariables.isEmpty()) {
            Catalog.Builder builder = Catalog.builder().discover(Thread.currentThread().getContextClassLoader())
                    .variables(hostVariables);
            if (base.providersDeclared()) {
                builder.providers(base.providers());
            }
            base = builder.build();
        }
        return providers != null ? base.withProviders(providers) : base;
    }

    private Evaluation evaluate(Variables variables) {
        Optional<AppEnv> environment = expected != null ? Optional.of(expected)
                : variables.value("APP_ENV").flatMap(AppEnv::parse);
        RuleEngine rules = engine != null ? engine : RuleEngine.discover();
        Catalog used = catalogFor(variables);
        ValidationReport report = rules.evaluate(new RuleContext(environment, variables, clock, used));
        Optional<Path> registerFile = registerFile();
        if (registerFile.isPresent()) {
            ExceptionRegister exceptions = ExceptionRegister.read(registerFile.get());
            report = exceptions.apply(report, environment.map(AppEnv::id), clock);
        }
        return new Evaluation(environment, variables, report, used);
    }

    private List<Path> allEnvFiles() {
        List<Path> files = new ArrayList<>();
        if (processEnvironmentSettings) {
            String setting = processEnvironment.get(ENV_FILE_SETTING);
            if (setting != null && !setting.isBlank()) {
                Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(Path::of).forEach(files::add);
            }
        }
        files.addAll(envFiles);
        return files;
    }

    private Optional<Path> registerFile() {
        if (register != null) {
            return Optional.of(register);
        }
        if (processEnvironmentSettings) {
            return ExceptionRegister.locate(Optional.empty(), processEnvironment, directory);
        }
        return Optional.empty();
    }

    private record Evaluation(Optional<AppEnv> environment, Variables variables, ValidationReport report,
                              Catalog catalog) {
    }
}
