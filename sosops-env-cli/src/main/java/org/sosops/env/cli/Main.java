package org.sosops.env.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.sosops.env.cli.support.CommandLines;

/** Entry point of {@code sosops-env}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return CommandLines.create(SosOpsEnvCommand.commandLine(args), out, err).execute(args);
    }
}
