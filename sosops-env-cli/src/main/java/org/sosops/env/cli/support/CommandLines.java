package org.sosops.env.cli.support;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.sosops.env.core.dotenv.DotEnvException;
import org.sosops.env.core.register.RegisterException;
import picocli.CommandLine;

/**
 * Builds the picocli command line with the project's error policy: usage errors and bad input
 * exit 2 with one line on stderr, never a stack trace (unless {@code SOSOPS_DEBUG=1}).
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static CommandLine create(Object root, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(root);
        line.setOut(out);
        line.setErr(err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((ex, args) -> {
            CommandLine command = ex.getCommandLine();
            err.println(command.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage())
                    + " (see --help)");
            err.flush();
            return ExitCode.INPUT_ERROR;
        });
        line.setExecutionExceptionHandler((ex, command, parseResult) -> {
            err.println(command.getCommandSpec().qualifiedName() + ": " + reason(ex));
            if ("1".equals(System.getenv("SOSOPS_DEBUG"))) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCode.INPUT_ERROR;
        });
        return line;
    }

    /** The one-line reason for an exception; internal errors say so without a stack trace. */
    public static String reason(Throwable ex) {
        if (ex instanceof InputException || ex instanceof RegisterException
                || ex instanceof org.sosops.env.core.catalog.CatalogException) {
            return oneLine(ex.getMessage());
        }
        if (ex instanceof DotEnvException dotEnv) {
            return oneLine(dotEnv.summary());
        }
        if (ex instanceof NoSuchFileException missing) {
            return missing.getFile() + ": file not found";
        }
        if (ex instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        return "internal error (" + ex.getClass().getSimpleName() + "); run with SOSOPS_DEBUG=1 for details";
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
