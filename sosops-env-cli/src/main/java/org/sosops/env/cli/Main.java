package org.sosops.env.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.sosops.env.cli.support.CommandLines;

/** Entry point of {@code sosops-env}. */
public final class Main {
    /** picocli's documented switch for leaving built-in type converters out: a regex over class names. */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * picocli's built-in converters of java.sql and java.time types, which no option here relies on
     * ({@code check --as-of} brings its own). picocli registers each of them per command line by
     * loading its class by name, which also initializes it: MonthDay and Period alone build a date
     * formatter and compile a regex, about a twentieth of a cold {@code check}. The pattern stays
     * short because picocli compiles it again for every converter it considers.
     */
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
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
