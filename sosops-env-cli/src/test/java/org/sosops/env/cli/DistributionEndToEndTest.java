package org.sosops.env.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution a CI job downloads, {@code sosops-env-<version>.tar.gz}: unpacked into a
 * temporary directory and run from {@code /tmp} with nothing but a Java runtime, no Maven and no
 * repository. Runs after {@code package}, in the integration-test phase.
 */
class DistributionEndToEndTest {
    private static final Path STAGING = Path.of("..", "examples", "env", "staging.env").toAbsolutePath().normalize();
    private static final Path BROKEN = Path.of("..", "examples", "env", "staging.broken.env").toAbsolutePath().normalize();

    @TempDir
    static Path unpacked;

    @TempDir
    static Path cache;

    private static Path home;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void unpack() throws Exception {
        // Set by the build's integration-test execution only; a -Dtest run in the unit phase has no tarball yet.
        assumeTrue(System.getProperty("sosops.distribution") != null, "runs after package, in the integration-test phase");
        Path tarball = Path.of(System.getProperty("sosops.distribution"));
        assertThat(tarball).exists();
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        home = unpacked.resolve("sosops-env-" + System.getProperty("sosops.version"));
    }

    /** Runs bin/sosops-env from /tmp with a PATH holding only the test's Java and the basic tools. */
    private static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/sosops-env").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/tmp").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        builder.environment().put("HOME", cache.toString());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/sosops-env did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theTarballHoldsTheLauncherTheJarTheLicenseAndAReadme() {
        assertThat(home.resolve("bin/sosops-env")).isExecutable();
        assertThat(home.resolve("lib/sosops-env.jar")).isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License").contains("Version 2.0, January 2004");
        assertThat(home.resolve("README.md")).content().contains("sosops-env " + System.getProperty("sosops.version"))
                .doesNotContain("${project.version}");
    }

    @Test
    void itChecksTheSamplesFromTmpAndRecordsAClassDataArchiveUsedAfterwards() throws Exception {
        Result clean = launch(Map.of(), "check", "--env-file", STAGING.toString());
        assertThat(clean.err()).isEmpty();
        assertThat(clean.out()).isEqualTo("OK\n");
        assertThat(clean.code()).isZero();

        Path archives = cache.resolve(".cache/sosops-env");
        List<Path> recorded;
        try (Stream<Path> files = Files.list(archives)) {
            recorded = files.toList();
        }
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).getFileName().toString())
                .startsWith("sosops-env-" + System.getProperty("sosops.version") + "-").endsWith(".jsa");

        Result broken = launch(Map.of(), "check", "--env-file", BROKEN.toString(), "--format", "github");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).isEmpty();
        assertThat(broken.out()).contains("::error file=" + BROKEN + ",line=3,title=value-invalid::");
        try (Stream<Path> files = Files.list(archives)) {
            assertThat(files.toList()).isEqualTo(recorded);
        }

        // XDG_CACHE_HOME wins over HOME, and an unwritable cache still runs, just without an archive.
        Path xdg = Files.createDirectories(cache.resolve("xdg"));
        assertThat(launch(Map.of("XDG_CACHE_HOME", xdg.toString()), "check", "--env-file", STAGING.toString()).code()).isZero();
        assertThat(xdg.resolve("sosops-env")).isDirectory();
        Result readOnly = launch(Map.of("SOSOPS_ENV_CACHE_DIR", "/proc/no-such-dir"), "check", "--env-file", STAGING.toString());
        assertThat(readOnly.code()).isZero();
        assertThat(readOnly.out()).isEqualTo("OK\n");
    }

    @Test
    void versionNamesTheBuildsVersionAndCommit() throws Exception {
        Result version = launch(Map.of(), "--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).matches("sosops-env " + System.getProperty("sosops.version").replace(".", "\\.")
                + " \\(commit ([0-9a-f]{12}|unknown)\\)\n");
        // Built from a git checkout (as here, when git is installed): exactly the checkout's commit.
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").directory(Path.of("..").toFile())
                .redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (git.waitFor() == 0) {
            assertThat(version.out()).contains("(commit " + head + ")");
        }
    }

    @Test
    void aJavaOlderThan17IsRefusedInOneLine() throws Exception {
        Path fakeJdk = Files.createDirectories(cache.resolve("old-jdk/bin"));
        Path java = fakeJdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\necho 'openjdk version \"11.0.2\"' >&2\n");
        java.toFile().setExecutable(true);
        Result old = launch(Map.of("JAVA_HOME", fakeJdk.getParent().toString()), "--version");
        assertThat(old.code()).isEqualTo(2);
        assertThat(old.out()).isEmpty();
        assertThat(old.err()).isEqualTo("sosops-env: needs Java 17 or later, but " + java + " is Java 11: install Java 17+ or set JAVA_HOME\n");
    }
}
