package org.sosops.env.cli.promotion;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.sosops.env.cli.support.Annotations;
import org.sosops.env.cli.support.DatabaseUrlOption;
import org.sosops.env.cli.support.EnvironmentNames;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FindingsFormatOption;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.promotion.backups.BackupCheck;
import org.sosops.env.promotion.backups.BackupsItem;
import org.sosops.env.promotion.launch.ChecklistItem;
import org.sosops.env.promotion.launch.EnvironmentCheckItem;
import org.sosops.env.promotion.launch.ItemResult;
import org.sosops.env.promotion.launch.LaunchGate;
import org.sosops.env.promotion.launch.LaunchVerdict;
import org.sosops.env.promotion.launch.MigrationGateItem;
import org.sosops.env.promotion.launch.ReleaseItem;
import org.sosops.env.promotion.launch.SecretHygieneItem;
import org.sosops.env.promotion.launch.SmokeItem;
import org.sosops.env.promotion.launch.TestReportsItem;
import org.sosops.env.promotion.ledger.PromotionLedger;
import org.sosops.env.promotion.release.GitRepository;
import org.sosops.env.promotion.release.ReleaseCandidate;
import org.sosops.env.promotion.release.ReleaseRules;
import org.sosops.env.promotion.smoke.SmokeRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env launch-gate}: the pre-deploy checklist in one verdict. */
@Command(name = "launch-gate", mixinStandardHelpOptions = true,
        description = {"The pre-deploy checklist in one verdict: environment check, secret hygiene (--compare-env-file,",
                "--example, --scan), migration gate, release rules (with --target; for prod: tagged commit on the prod",
                "branch that passed the staging smoke checks), webhook endpoints configured for the target, migrations",
                "promotable (--from-database-url-env), tests passed (--test-reports), backups on schedule (prod),",
                "post-deploy smoke (--base-url or SMOKE_BASE_URL; required with LAUNCH_POST_DEPLOY_SMOKE=true) and",
                "admin/member controls (--validate-admin-controls or LAUNCH_VALIDATE_ADMIN_CONTROLS=true, tokens from",
                "LAUNCH_ADMIN_BEARER_TOKEN or LAUNCH_ADMIN_SESSION_TOKEN and LAUNCH_MEMBER_BEARER_TOKEN or",
                "LAUNCH_MEMBER_SESSION_TOKEN). Every failing item is listed.",
                "Exit 0 go, 1 when an item fails, 2 when an item cannot run (missing input, unreachable database)."})
public final class LaunchGateCommand implements Callable<Integer> {
    /** The branch mapping setting: {@code main=staging,prod=prod}. */
    static final String BRANCHES_SETTING = "SOSOPS_RELEASE_BRANCHES";
    static final String POST_DEPLOY_SMOKE_SETTING = "LAUNCH_POST_DEPLOY_SMOKE";
    static final String VALIDATE_ADMIN_CONTROLS_SETTING = "LAUNCH_VALIDATE_ADMIN_CONTROLS";

    @Spec
    private CommandSpec spec;

    @Mixin
    private FindingsFormatOption format;

    @Option(names = "--env-file", paramLabel = "FILE", arity = "1..*",
            description = "Environment check: the deploy's .env files (later win); default: the process environment.")
    private List<Path> envFiles = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME",
            description = "Environment check: validate as this environment (default: --target when it is one).")
    private String environment;

    @Option(names = "--register", paramLabel = "FILE",
            description = "The exception register (default: $SOSOPS_RISKS_DECISIONS_FILE, else "
                    + "master_build/RISKS_DECISIONS.md, else ./RISKS_DECISIONS.md, when one exists).")
    private Path register;

    @Option(names = "--compare-env-file", paramLabel = "FILE", arity = "1..*",
            description = "Secret hygiene: other environments' .env files, compared with --env-file for shared secrets and identities.")
    private List<Path> compareEnvFiles = new ArrayList<>();

    @Option(names = "--example", paramLabel = "FILE", description = "Secret hygiene: a .env.example to check for real-looking secrets.")
    private Path example;

    @Option(names = "--scan", paramLabel = "DIR", description = "Secret hygiene: a source tree to scan for hard-coded secrets.")
    private Path scan;

    @Option(names = "--secrets-baseline", paramLabel = "FILE", description = "Secret hygiene: reviewed hard-coded secrets of --scan.")
    private Path secretsBaseline;

    @Option(names = "--migrations", paramLabel = "DIR", description = "Migration gate: the migrations directory.")
    private Path migrations;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Migration gate: the baseline (default: ./migration-safety-baseline.json when it exists).")
    private Path baseline;

    @Option(names = "--target", paramLabel = "ENV", description = "Release rules: the environment being deployed to.")
    private String target;

    @Option(names = "--commit", paramLabel = "SHA", description = "Release rules: the build's commit (default: git HEAD).")
    private String commit;

    @Option(names = "--branch", paramLabel = "NAME", description = "Release rules: the build's branch (default: git's current branch).")
    private String branch;

    @Option(names = "--tag", paramLabel = "TAG", description = "Release rules: a tag of the build (default: git tags at the commit).")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--branches", paramLabel = "SPEC",
            description = "Release rules: branch mapping, e.g. main=staging,prod=prod,release/*=staging (default: $"
                    + BRANCHES_SETTING + ", else main=staging,prod=prod; other branches deploy to previews).")
    private String branches;

    @Mixin
    private LedgerOptions ledger;

    @Option(names = "--from-database-url-env", paramLabel = "VAR",
            description = "Migrations promotable: the variable holding the source environment's database URL (e.g. STAGING_DATABASE_URL).")
    private String fromDatabaseUrlEnv;

    @Option(names = "--to-database-url-env", paramLabel = "VAR", defaultValue = DatabaseUrlOption.DEFAULT_VARIABLE,
            description = "Migrations promotable: the variable holding the target's database URL (default: ${DEFAULT-VALUE}).")
    private String toDatabaseUrlEnv;

    @Option(names = "--test-reports", paramLabel = "DIR",
            description = "Tests passed: a directory of JUnit XML reports (e.g. target/surefire-reports); any failure or error, or zero tests, fails.")
    private Path testReports;

    @Option(names = "--backups", paramLabel = "DIR", defaultValue = "backups",
            description = "Backups (prod): the directory of *.sql.gz backups (default: ./${DEFAULT-VALUE}).")
    private Path backups;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Smoke checks and admin controls: the deployed application (default: $" + SmokeOptions.BASE_URL_SETTING + ").")
    private String baseUrl;

    @Option(names = "--validate-admin-controls",
            description = "Probe the admin-only and member endpoints with the admin, member and no token (also: $"
                    + VALIDATE_ADMIN_CONTROLS_SETTING + "=true).")
    private boolean validateAdminControls;

    @Mixin
    private SmokeOptions smoke;

    @Option(names = "--skip", paramLabel = "ITEM", split = ",",
            description = "Skip checklist items on purpose (listed as skipped): environment, secrets, migrations, release,"
                    + " webhooks, promotable, tests, backups, smoke, admin-controls.")
    private List<String> skip = new ArrayList<>();

    @Override
    public Integer call() {
        LaunchGate.Builder gate = LaunchGate.builder();
        // Deploying to an environment means its variables must validate as that environment.
        Optional<AppEnv> expected = Optional.ofNullable(environment).map(EnvironmentNames::parseOption)
                .or(() -> Optional.ofNullable(target).flatMap(AppEnv::parse));
        Optional<Path> registerFile = EnvironmentNames.register(register);
        gate.item(new EnvironmentCheckItem(envFiles, expected, registerFile));
        List<Path> compared = new ArrayList<>(envFiles);
        compared.addAll(compareEnvFiles);
        gate.item(new SecretHygieneItem(compared, Optional.ofNullable(example), Optional.ofNullable(scan),
                Optional.ofNullable(secretsBaseline)).waivedBy(registerFile, Clock.systemUTC()));
        gate.item(new MigrationGateItem(Optional.ofNullable(migrations), Optional.ofNullable(baseline))
                .waivedBy(registerFile, expected, Clock.systemUTC()));
        if (target != null) {
            String mapping = branches != null ? branches : SmokeOptions.setting(BRANCHES_SETTING).orElse(null);
            ReleaseRules rules = mapping == null || mapping.isBlank() ? ReleaseRules.defaults()
                    : PromotionInputs.guard(() -> ReleaseRules.parse(mapping));
            Optional<PromotionLedger> evidence = ledger.ledger();
            gate.item(new ReleaseItem(target, rules, candidate(), evidence));
        }
        gate.item(new WebhookGuardItem(envFiles, expected, System.getenv()));
        if (fromDatabaseUrlEnv != null) {
            gate.item(DeployItems.promotable(fromDatabaseUrlEnv, toDatabaseUrlEnv, Optional.ofNullable(migrations)));
        }
        if (testReports != null) {
            gate.item(new TestReportsItem(testReports));
        }
        if (expected.or(() -> DeployItems.declaredEnvironment(envFiles)).filter(e -> e == AppEnv.PROD).isPresent()) {
            gate.item(new BackupsItem(BackupCheck.of(backups, AppEnv.PROD, Clock.systemUTC())));
        }
        Optional<String> base = SmokeOptions.baseUrl(baseUrl);
        boolean smokeRequired = DeployItems.flag(POST_DEPLOY_SMOKE_SETTING);
        if (base.isPresent()) {
            Optional<String> expectedHealth = Optional.ofNullable(target).flatMap(AppEnv::parse).map(AppEnv::id);
            gate.item(new SmokeItem(SmokeRunner.create(), smoke.config(base.get(), expectedHealth), report -> { }));
        } else if (smokeRequired) {
            gate.item(ChecklistItem.of("smoke", () -> new ItemResult.Errored("post-deploy smoke is required ("
                    + POST_DEPLOY_SMOKE_SETTING + "=true) but no application is named: pass --base-url or set "
                    + SmokeOptions.BASE_URL_SETTING)));
        }
        if (validateAdminControls || DeployItems.flag(VALIDATE_ADMIN_CONTROLS_SETTING)) {
            gate.item(DeployItems.adminControls(base, smoke));
        }
        LaunchVerdict verdict = PromotionInputs.guard(() -> gate.skip(new HashSet<>(skip)).build()).run();
        print(verdict, spec.commandLine().getOut());
        if (verdict.anyErrored()) {
            List<String> errored = verdict.entries().stream().filter(e -> e.result() instanceof ItemResult.Errored)
                    .map(e -> e.item() + ": " + e.result().summary()).toList();
            spec.commandLine().getErr().println("launch-gate: " + errored.size() + " checklist item"
                    + (errored.size() == 1 ? "" : "s") + " could not run: " + String.join("; ", errored));
            spec.commandLine().getErr().flush();
            return ExitCode.INPUT_ERROR;
        }
        return verdict.go() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    private Supplier<ReleaseCandidate> candidate() {
        return () -> {
            if (commit != null && branch != null) {
                return new ReleaseCandidate(commit, Optional.of(branch), tags);
            }
            GitRepository git = GitRepository.at(Path.of("."));
            ReleaseCandidate head = commit == null ? git.head() : new ReleaseCandidate(commit, Optional.empty(), git.tagsAt(commit));
            return new ReleaseCandidate(head.commit(), branch != null ? Optional.of(branch) : head.branch(),
                    tags.isEmpty() ? head.tags() : tags);
        };
    }

    private void print(LaunchVerdict verdict, PrintWriter out) {
        if (format.annotations()) {
            Annotations.of(verdict).print(format.get(), out);
        } else if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeBooleanField("ok", verdict.go());
                json.writeStringField("verdict", verdict.go() ? "go" : "no-go");
                json.writeArrayFieldStart("items");
                for (LaunchVerdict.Entry e : verdict.entries()) {
                    json.writeStartObject();
                    json.writeStringField("item", e.item());
                    json.writeStringField("status", LaunchVerdict.status(e.result()));
                    json.writeStringField("summary", e.result().summary());
                    if (e.result() instanceof ItemResult.Failed failed) {
                        json.writeArrayFieldStart("problems");
                        for (String p : failed.problems()) {
                            json.writeString(p);
                        }
                        json.writeEndArray();
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        } else {
            out.println(verdict.toText());
            out.flush();
        }
    }
}
