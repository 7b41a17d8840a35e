package org.sosops.env.cli.promotion;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.EnvironmentNames;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.promotion.backups.BackupCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env backups check [--backups DIR] [--env NAME]}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Exit 1 unless the newest *.sql.gz under DIR is younger than the environment's schedule:",
                "a day in prod, a week in staging; local and dev expect no backups."})
public final class BackupsCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--backups", paramLabel = "DIR", defaultValue = "backups",
            description = "Directory of *.sql.gz backups (default: ./${DEFAULT-VALUE}).")
    private Path backups;

    @Option(names = "--env", paramLabel = "NAME", description = "The environment whose schedule applies (default: $APP_ENV).")
    private String environment;

    @Override
    public Integer call() {
        AppEnv env = environment != null ? EnvironmentNames.parseOption(environment)
                : EnvironmentNames.parse("APP_ENV", SmokeOptions.setting("APP_ENV").orElseThrow(() ->
                        new InputException("backups check needs the environment: pass --env NAME or set APP_ENV")));
        BackupCheck.Result result = PromotionInputs.guard(() -> BackupCheck.of(backups, env, Clock.systemUTC()).run());
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeBooleanField("ok", result.ok());
                json.writeStringField("environment", env.id());
                if (result.newest().isPresent()) {
                    json.writeStringField("newest", result.newest().get().toString());
                }
                if (result.age().isPresent()) {
                    json.writeNumberField("age_seconds", result.age().get().toSeconds());
                }
                if (result.maxAge().isPresent()) {
                    json.writeNumberField("max_age_seconds", result.maxAge().get().toSeconds());
                }
                json.writeStringField("message", result.message());
                json.writeEndObject();
            });
        } else {
            out.println((result.ok() ? "OK: " : "FAIL: ") + result.message());
            out.flush();
        }
        return result.ok() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }
}
