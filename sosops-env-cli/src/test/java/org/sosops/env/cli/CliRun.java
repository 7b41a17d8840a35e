package org.sosops.env.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the command line: exit code, standard output and standard error. */
public record CliRun(int code, String out, String err) {
    /** The sample files shipped in examples/, seen from a module directory. */
    public static final Path EXAMPLES = Path.of("..", "examples");

    public static Path sample(String name) {
        return EXAMPLES.resolve("env").resolve(name);
    }

    /** Runs in this JVM through {@link Main#run}. */
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs in a fresh JVM on this test's class path, with extra process environment variables. */
    public static CliRun runInNewJvm(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return runInNewJvmIn(Path.of(""), environment, args);
    }

    /** As {@link #runInNewJvm} with {@code directory} as the working directory. */
    public static CliRun runInNewJvmIn(Path directory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!directory.toString().isEmpty()) {
            builder.directory(directory.toFile());
        }
        builder.environment().remove("SOSOPS_RISKS_DECISIONS_FILE");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the command line did not finish within 60 s");
        }
        return new CliRun(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    public String all() {
        return out + err;
    }
}
