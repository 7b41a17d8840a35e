package org.sosops.env.cli.secrets;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.core.dotenv.DotEnvReader;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.hygiene.crossenv.FingerprintEntry;
import org.sosops.env.core.hygiene.crossenv.FingerprintList;
import org.sosops.env.core.hygiene.crossenv.SharedSecretStartupRule;
import org.sosops.env.core.variables.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sosops-env secrets fingerprint}: salted fingerprints of one environment's secrets. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Print slow salted fingerprints (PBKDF2-HMAC-SHA256, never values) of one environment's secrets.",
                "Give the output to hosts of the other environments via " + SharedSecretStartupRule.FILE_SETTING,
                "or " + SharedSecretStartupRule.INLINE_SETTING + "; they refuse to start when a secret matches."})
public final class FingerprintCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--env-file", paramLabel = "FILE", arity = "1..*", required = true,
            description = "The environment's .env file(s); later files win. APP_ENV names the environment.")
    private List<Path> envFiles = new ArrayList<>();

    @Option(names = "--same-salt-as", paramLabel = "FILE",
            description = {"Reuse the salt and work factor of this fingerprint list (another environment's),",
                    "so hosts check the combined list with one derivation per secret."})
    private Path sameSaltAs;

    @Override
    public Integer call() {
        Variables.Builder builder = Variables.builder();
        for (Path file : envFiles) {
            builder.addAll(DotEnvReader.read(file));
        }
        Variables variables = builder.build();
        String appEnv = variables.value("APP_ENV").map(String::strip).orElseThrow(() -> new InputException(
                envFiles.get(0) + ": APP_ENV is not set, so the environment of these fingerprints is unknown"));
        AppEnv env = AppEnv.parse(appEnv).orElseThrow(() -> new InputException(
                "APP_ENV '" + appEnv + "' is not one of local, dev, staging, prod"
                        + AppEnv.closestTo(appEnv).map(e -> " (did you mean " + e.id() + "?)").orElse("")));
        FingerprintList list = sameSaltAs == null ? FingerprintList.of(env, variables) : sameSalt(env, variables);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            printJson(env, list, out);
        } else {
            out.print(list.toText());
        }
        out.flush();
        return ExitCode.CLEAN;
    }

    private FingerprintList sameSalt(AppEnv env, Variables variables) {
        String text;
        try {
            text = Files.readString(sameSaltAs, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(sameSaltAs + ": file not found");
        } catch (IOException e) {
            throw new InputException(sameSaltAs + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        FingerprintList model;
        try {
            model = FingerprintList.parse(sameSaltAs.toString(), text);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        if (model.parameterSets().size() != 1) {
            throw new InputException(sameSaltAs + ": --same-salt-as needs a list with exactly one salt (it has "
                    + model.parameterSets().size() + ")");
        }
        FingerprintEntry first = model.entries().get(0);
        return FingerprintList.of(env, variables, first.salt(), first.iterations());
    }

    private static void printJson(AppEnv env, FingerprintList list, PrintWriter out) {
        JsonOutput.print(out, json -> {
            json.writeStartObject();
            json.writeStringField("environment", env.id());
            json.writeStringField("algorithm", FingerprintEntry.ALGORITHM);
            json.writeArrayFieldStart("fingerprints");
            for (FingerprintEntry entry : list.entries()) {
                json.writeStartObject();
                json.writeStringField("variable", entry.variable());
                if (!entry.label().equals(entry.variable())) {
                    json.writeStringField("part", "password");
                }
                json.writeStringField("fingerprint", entry.shortFingerprint());
                json.writeStringField("entry", entry.token());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
