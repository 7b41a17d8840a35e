package org.sosops.env.cli.support;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.sosops.env.core.dotenv.DotEnvException;
import org.sosops.env.core.register.RegisterException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the picocli command line with the project's error policy: usage errors and bad input
 * exit 2 with one line on stderr, never a stack trace (unless {@code SOSOPS_DEBUG=1}).
 */
public final class CommandLines {
    private CommandLines() {
    }

    /**
     * Compiled on the first usage error, not on every run: compiling a regex in a cold JVM costs
     * more than a successful {@code check} spends on its arguments.
     */
    private static final class Patterns {
        /** An option name as typed: {@code -x} or {@code --some-name}, nothing after '='. */
        static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*");
        static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s'\"]*@");
    }

    public static CommandLine create(Object root, PrintWriter out, PrintWriter err) {
        return create(new CommandLine(root), out, err);
    }

    /** Applies the error policy to {@code line} and every subcommand registered on it so far. */
    public static CommandLine create(CommandLine line, PrintWriter out, PrintWriter err) {
        line.setOut(out);
        line.setErr(err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((ex, args) -> {
            CommandLine command = ex.getCommandLine();
            err.println(command.getCommandSpec().qualifiedName() + ": " + usageReason(ex)
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

    /**
     * The reason of a usage error without the values the user typed: an unknown option may be
     * followed by a URL with a password in it (the old {@code --database-url URL}), so unmatched
     * arguments are named by option name or position only, and credentials in URLs are masked.
     */
    static String usageReason(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> options = new ArrayList<>();
            List<String> positions = new ArrayList<>();
            List<String> all = unmatched.getUnmatched();
            List<String> args = ex.getCommandLine().getParseResult() == null ? List.of()
                    : ex.getCommandLine().getParseResult().originalArgs();
            for (String arg : all) {
                if (Patterns.OPTION_NAME.matcher(arg).matches()) {
                    options.add(arg);
                } else {
                    int index = args.indexOf(arg);
                    positions.add(index >= 0 ? String.valueOf(index + 1) : "?");
                }
            }
            StringBuilder reason = new StringBuilder();
            if (!options.isEmpty()) {
                reason.append(options.size() == 1 ? "unknown option " : "unknown options ")
                        .append(String.join(", ", options));
            }
            if (!positions.isEmpty()) {
                reason.append(reason.length() == 0 ? "" : "; ")
                        .append(positions.size() == 1 ? "unexpected argument at position " : "unexpected arguments at positions ")
                        .append(String.join(", ", positions));
            }
            return reason.toString();
        }
        return maskCredentials(oneLine(ex.getMessage()));
    }

    /** {@code scheme://user:secret@host} becomes {@code scheme://***@host}. */
    static String maskCredentials(String text) {
        return Patterns.URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
