package org.sosops.env.cli.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A build step before packaging (never shipped): records the git commit the jar is built from in
 * its {@code build-info.properties}, for {@code sosops-env --version}.
 *
 * <p>Why not a Maven git plugin: the usual one reads the main checkout's HEAD inside a linked
 * worktree, which would stamp the wrong commit. {@code git rev-parse} in the module's directory is
 * always right. Without git or outside a checkout (a source tarball) the commit stays
 * {@code unknown}; the build never fails for it.
 *
 * <pre>{@code java BuildCommit <module dir> target/classes/org/sosops/env/cli/build-info.properties}</pre>
 */
public final class BuildCommit {
    private BuildCommit() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path directory = Path.of(args[0]);
        Path properties = Path.of(args[1]);
        String commit = commit(directory);
        List<String> lines = Files.readAllLines(properties, StandardCharsets.ISO_8859_1).stream()
                .map(line -> line.startsWith("commit=") ? "commit=" + commit : line).toList();
        Files.write(properties, lines, StandardCharsets.ISO_8859_1);
    }

    static String commit(Path directory) throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return "unknown";
            }
            return git.exitValue() == 0 && out.matches("[0-9a-f]{7,40}") ? out : "unknown";
        } catch (IOException noGit) {
            return "unknown";
        }
    }
}
