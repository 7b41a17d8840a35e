package org.sosops.env.cli.promotion;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.promotion.ledger.LedgerEntry;
import org.sosops.env.promotion.ledger.PromotionLedger;
import org.sosops.env.promotion.release.GitRepository;
import org.sosops.env.promotion.release.ReleaseRules;
import org.sosops.env.promotion.smoke.SmokeConfig;
import org.sosops.env.promotion.smoke.SmokeReport;
import org.sosops.env.promotion.smoke.SmokeResult;
import org.sosops.env.promotion.smoke.SmokeRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sosops-env smoke --base-url URL [--organization-id ID] [--bearer-token-env VAR] [--record …]}. */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = {"Post-deploy smoke checks: health, readiness (database connectivity), resolved flags, the dashboard",
                "and analytics endpoints, the webhook endpoints; the token-only and organization endpoints when a bearer",
                "token or an organization id is given; with --test-send, one message to an allowlisted test recipient.",
                "SMOKE_BASE_URL and SMOKE_ORGANIZATION_ID stand in for the options.",
                "Exit 1 when any check fails, the application unreachable included; 2 for bad arguments or an unreadable seed list.",
                "With --record, the result is written to the promotion ledger for the exact commit."})
public final class SmokeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--base-url", paramLabel = "URL", description = "The deployed application (default: $SMOKE_BASE_URL).")
    private String baseUrl;

    @Mixin
    private SmokeOptions smoke;

    @Option(names = "--record",
            description = "Record the result in the promotion ledger (evidence for a production release).")
    private boolean record;

    @Option(names = "--commit", paramLabel = "SHA", description = "With --record: the deployed commit (default: git HEAD).")
    private String commit;

    @Option(names = "--environment", paramLabel = "ENV", description = "With --record: the environment checked (default: $APP_ENV).")
    private String environment;

    @Mixin
    private LedgerOptions ledgerOptions;

    @Override
    public Integer call() {
        String base = SmokeOptions.baseUrl(baseUrl).orElseThrow(() -> new InputException(
                "no application to check: pass --base-url URL or set " + SmokeOptions.BASE_URL_SETTING));
        Optional<String> recordEnvironment = Optional.ofNullable(environment).or(() -> SmokeOptions.setting("APP_ENV"));
        Optional<PromotionLedger> ledger = Optional.empty();
        String recordCommit = null;
        if (!record && (commit != null || environment != null)) {
            throw new InputException("--commit and --environment only make sense with --record");
        }
        if (record) {
            if (recordEnvironment.isEmpty() || recordEnvironment.get().isBlank()) {
                throw new InputException("--record needs the environment checked: pass --environment (or set APP_ENV)");
            }
            ledger = ledgerOptions.ledger();
            if (ledger.isEmpty()) {
                throw new InputException("--record needs the ledger: set " + LedgerOptions.SETTING
                        + " (or name another variable with --ledger-database-url-env)");
            }
            recordCommit = commit != null ? commit : PromotionInputs.guard(() -> GitRepository.at(Path.of(".")).head().commit());
        }
        SmokeConfig config = smoke.config(base, Optional.empty());
        SmokeReport report = SmokeRunner.create().run(config);
        PrintWriter out = spec.commandLine().getOut();
        if (ledger.isPresent()) {
            List<LedgerEntry> entries = entries(report, recordCommit, recordEnvironment.get());
            PromotionLedger chosen = ledger.get();
            PromotionInputs.guard(() -> {
                chosen.recordAll(entries);
                return null;
            });
        }
        print(report, out, recordCommit, recordEnvironment.orElse(null));
        if (report.unreachable()) {
            // The failure smoke exists to catch: a failed check (exit 1), not a usage error.
            spec.commandLine().getErr().println("smoke: cannot reach " + config.baseUrl() + ": " + report.results().stream()
                    .filter(SmokeResult::failed).findFirst().map(SmokeResult::message).orElse("no answer"));
            spec.commandLine().getErr().flush();
        }
        return report.ok() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    private static List<LedgerEntry> entries(SmokeReport report, String commit, String environment) {
        java.time.Instant now = java.time.Instant.now();
        List<LedgerEntry> entries = new ArrayList<>();
        for (SmokeResult r : report.results()) {
            if (r.outcome() != SmokeResult.Outcome.SKIPPED) {
                entries.add(new LedgerEntry(commit, environment, ReleaseRules.SMOKE_CHECK + ":" + r.name(),
                        r.failed() ? LedgerEntry.Result.FAIL : LedgerEntry.Result.PASS, now));
            }
        }
        entries.add(new LedgerEntry(commit, environment, ReleaseRules.SMOKE_CHECK,
                report.ok() ? LedgerEntry.Result.PASS : LedgerEntry.Result.FAIL, now));
        return entries;
    }

    private void print(SmokeReport report, PrintWriter out, String commit, String environment) {
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeBooleanField("ok", report.ok());
                json.writeStringField("base_url", report.baseUrl());
                json.writeArrayFieldStart("checks");
                for (SmokeResult r : report.results()) {
                    json.writeStartObject();
                    json.writeStringField("name", r.name());
                    json.writeStringField("path", r.path());
                    json.writeStringField("result", r.outcome().id());
                    if (r.status().isPresent()) {
                        json.writeNumberField("status", r.status().getAsInt());
                    }
                    json.writeNumberField("attempts", r.attempts());
                    if (!r.message().isEmpty()) {
                        json.writeStringField("message", r.message());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                if (commit != null) {
                    json.writeObjectFieldStart("recorded");
                    json.writeStringField("commit", commit);
                    json.writeStringField("environment", environment);
                    json.writeEndObject();
                }
                json.writeEndObject();
            });
        } else {
            out.println(report.toText());
            if (commit != null) {
                out.println("Recorded in the promotion ledger: commit " + commit + ", " + environment + ", smoke "
                        + (report.ok() ? "pass" : "fail"));
            }
            out.flush();
        }
    }
}
