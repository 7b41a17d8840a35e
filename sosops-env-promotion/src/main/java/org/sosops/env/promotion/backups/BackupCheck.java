package org.sosops.env.promotion.backups;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.env.BackupExpectation;
import org.sosops.env.promotion.PromotionInputException;

/**
 * Whether an environment's backups keep to its schedule: the newest {@code *.sql.gz} in the
 * directory must be younger than the schedule's interval — a day in prod, a week in staging;
 * local and dev expect none.
 *
 * <pre>{@code
 * BackupCheck.Result result = BackupCheck.of(Path.of("backups"), AppEnv.PROD, Clock.systemUTC()).run();
 * if (!result.ok()) System.err.println(result.message());
 * }</pre>
 */
public final class BackupCheck {
    private final Path directory;
    private final AppEnv environment;
    private final Clock clock;

    private BackupCheck(Path directory, AppEnv environment, Clock clock) {
        this.directory = Objects.requireNonNull(directory);
        this.environment = Objects.requireNonNull(environment);
        this.clock = Objects.requireNonNull(clock);
    }

    public static BackupCheck of(Path directory, AppEnv environment, Clock clock) {
        return new BackupCheck(directory, environment, clock);
    }

    /**
     * The longest a backup may be old in this environment; empty when none is expected.
     * The monthly snapshot of prod is a separate retention matter and is not judged here.
     */
    public static Optional<Duration> maxAge(AppEnv environment) {
        BackupExpectation expectation = environment.traits().backups();
        return switch (expectation) {
            case NONE -> Optional.empty();
            case WEEKLY -> Optional.of(Duration.ofDays(7));
            case DAILY_AND_MONTHLY_SNAPSHOT -> Optional.of(Duration.ofDays(1));
        };
    }

    /** The verdict, with the newest backup and its age when there is one. */
    public record Result(boolean ok, AppEnv environment, Optional<Path> newest, Optional<Duration> age,
                         Optional<Duration> maxAge, String message) {
    }

    /**
     * @throws PromotionInputException when the directory exists but cannot be listed
     */
    public Result run() {
        Optional<Duration> limit = maxAge(environment);
        Optional<Path> newest = newest();
        Optional<Duration> age = newest.map(p -> Duration.between(modified(p), clock.instant()));
        if (limit.isEmpty()) {
            return new Result(true, environment, newest, age, limit, "no backups expected in " + environment.id());
        }
        String schedule = limit.get().toDays() == 1 ? "daily" : "weekly";
        if (newest.isEmpty()) {
            return new Result(false, environment, newest, age, limit, "no backup (*.sql.gz) in " + directory + ": "
                    + environment.id() + " expects one " + schedule);
        }
        if (age.get().compareTo(limit.get()) >= 0) {
            return new Result(false, environment, newest, age, limit, "newest backup " + newest.get().getFileName() + " is "
                    + human(age.get()) + " old: " + environment.id() + " expects one " + schedule + " (younger than "
                    + human(limit.get()) + ")");
        }
        return new Result(true, environment, newest, age, limit, "newest backup " + newest.get().getFileName() + " is "
                + human(age.get()) + " old (" + environment.id() + ": " + schedule + ")");
    }

    private Optional<Path> newest() {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        Path best = null;
        Instant bestTime = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.sql.gz")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Instant time = modified(file);
                    if (best == null || time.isAfter(bestTime)) {
                        best = file;
                        bestTime = time;
                    }
                }
            }
        } catch (IOException e) {
            throw new PromotionInputException(directory + ": cannot list backups (" + e.getClass().getSimpleName() + ")");
        }
        return Optional.ofNullable(best);
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new PromotionInputException(file + ": cannot read its modification time");
        }
    }

    static String human(Duration d) {
        if (d.isNegative()) {
            return "0m";
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        return days > 0 ? days + "d " + hours + "h" : hours > 0 ? hours + "h " + minutes + "m" : minutes + "m";
    }
}
