package org.sosops.env.promotion.restore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.order.MigrationHistory;

/**
 * The restore drill: restores the newest gzip SQL backup ({@code *.sql.gz}, as {@code pg_dump |
 * gzip} writes it) into a database through {@code psql}, streamed in one transaction and never
 * loaded whole into memory, then reads the restored database's migration status.
 *
 * <pre>{@code
 * RestoreResult result = RestoreDrill.builder(Path.of("/backups"), PostgresTarget.parse("--database-url", url))
 *         .build().run();
 * System.out.println(result.backup() + " restored; " + result.history().states().size() + " migrations recorded");
 * }</pre>
 *
 * <p>A production target (a database named {@code sos_ops_prod} or ending in {@code _prod}, or a
 * target declared prod) is refused unless {@link Builder#allowProduction()} was called.
 */
public final class RestoreDrill {
    private static final int STDERR_LINES_KEPT = 20;

    private final Path backups;
    private final PostgresTarget target;
    private final boolean allowProduction;
    private final Optional<AppEnv> declaredEnvironment;
    private final String psql;
    private final Clock clock;

    private RestoreDrill(Builder b) {
        this.backups = b.backups;
        this.target = b.target;
        this.allowProduction = b.allowProduction;
        this.declaredEnvironment = Optional.ofNullable(b.environment);
        this.psql = b.psql;
        this.clock = b.clock;
    }

    public static Builder builder(Path backups, PostgresTarget target) {
        return new Builder(backups, target);
    }

    /** True when the target looks like production by its name or declaration. */
    public boolean targetIsProduction() {
        String name = target.database().toLowerCase(Locale.ROOT);
        return declaredEnvironment.map(e -> e == AppEnv.PROD).orElse(false) || name.equals("sos_ops_prod") || name.endsWith("_prod");
    }

    /** The newest {@code *.sql.gz} in {@code directory} by modification time (then by name). */
    public static Path newestBackup(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PromotionInputException(directory + ": backup directory not found");
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.sql.gz")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    candidates.add(file);
                }
            }
        } catch (IOException e) {
            throw new PromotionInputException(directory + ": cannot list backups (" + e.getClass().getSimpleName() + ")");
        }
        return candidates.stream().max(Comparator.comparing(RestoreDrill::modified).thenComparing(Path::toString))
                .orElseThrow(() -> new PromotionInputException(directory + ": no gzip SQL backup (*.sql.gz) found"));
    }

    /**
     * Restores and reports.
     *
     * @throws PromotionInputException for a production target without permission, no backup, a
     *                                 corrupt backup, a missing {@code psql} or a failed restore
     */
    public RestoreResult run() {
        if (targetIsProduction() && !allowProduction) {
            throw new PromotionInputException("refusing to restore into " + target + ": it is a production database"
                    + " (restore drills go to a scratch database; pass --allow-prod to restore into prod on purpose)");
        }
        Path backup = newestBackup(backups);
        Instant started = clock.instant();
        stream(backup);
        MigrationHistory history;
        try (Connection c = target.connect()) {
            history = MigrationHistory.read(c);
        } catch (SQLException e) {
            throw target.unreachable(e);
        }
        long size;
        try {
            size = Files.size(backup);
        } catch (IOException e) {
            size = -1;
        }
        return new RestoreResult(backup, target.toString(), size, Duration.between(started, clock.instant()), history);
    }

    private void stream(Path backup) {
        List<String> command = new ArrayList<>(List.of(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                "-h", target.url().host().isEmpty() ? "localhost" : target.url().host(),
                "-p", String.valueOf(target.url().port()), "-d", target.database(), "-f", "-"));
        target.url().user().ifPresent(u -> command.addAll(List.of("-U", u)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // The password travels in psql's environment, never on its command line.
        target.url().password().ifPresent(p -> builder.environment().put("PGPASSWORD", p.reveal()));
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PromotionInputException("cannot run psql (" + e.getMessage() + "); install the PostgreSQL client");
        }
        Deque<String> errors = new ArrayDeque<>();
        Thread drain = new Thread(() -> keepLastLines(process.getErrorStream(), errors), "psql-stderr");
        drain.setDaemon(true);
        drain.start();
        String feedProblem = null;
        OutputStream out = process.getOutputStream();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(backup)), 1 << 16)) {
            in.transferTo(out);
        } catch (ZipException | java.io.EOFException e) {
            feedProblem = backup + ": not a complete gzip file (" + e.getMessage() + ")";
        } catch (NoSuchFileException e) {
            feedProblem = backup + ": backup not found";
        } catch (IOException e) {
            // psql closing its input early (it stopped on an error) shows up here; its stderr says why.
            feedProblem = null;
        }
        if (feedProblem != null) {
            // Kill psql before its input ends: a clean end of input would commit a partial restore.
            process.destroyForcibly();
        } else {
            closeQuietly(out);
        }
        int exit;
        try {
            exit = process.waitFor();
            drain.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new PromotionInputException("restore of " + backup + " interrupted");
        }
        if (feedProblem != null) {
            throw new PromotionInputException(feedProblem + "; nothing was restored into " + target);
        }
        if (exit != 0) {
            String why;
            synchronized (errors) {
                why = String.join(" | ", errors);
            }
            throw new PromotionInputException("psql could not restore " + backup + " into " + target + " (exit " + exit + ")"
                    + (why.isEmpty() ? "" : ": " + why) + "; the restore ran in one transaction, so nothing was kept");
        }
    }

    private static void keepLastLines(InputStream stream, Deque<String> lines) {
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line.strip());
                    if (lines.size() > STDERR_LINES_KEPT) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // The process ended; what was read is what there is.
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // psql already exited; its exit status tells the story.
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    public static final class Builder {
        private final Path backups;
        private final PostgresTarget target;
        private boolean allowProduction;
        private AppEnv environment;
        private String psql = "psql";
        private Clock clock = Clock.systemUTC();

        private Builder(Path backups, PostgresTarget target) {
            this.backups = Objects.requireNonNull(backups);
            this.target = Objects.requireNonNull(target);
        }

        /** Permits a production target: an explicit, deliberate choice. */
        public Builder allowProduction() {
            this.allowProduction = true;
            return this;
        }

        /** Declares the target's environment (a prod declaration makes it production whatever its name). */
        public Builder environment(AppEnv environment) {
            this.environment = environment;
            return this;
        }

        /** The psql executable (default {@code psql} on the PATH). */
        public Builder psql(String executable) {
            this.psql = Objects.requireNonNull(executable);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public RestoreDrill build() {
            return new RestoreDrill(this);
        }
    }
}
