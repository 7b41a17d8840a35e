package org.sosops.env.promotion.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.sql.SqlSyntaxException;

/**
 * The migration safety gate of docs/promotion.md: scans every {@code *.sql} file under a directory and
 * compares the risky statements with a {@link Baseline}.
 *
 * <pre>{@code
 * GateReport report = MigrationGate.check(Path.of("prisma/migrations"),
 *         Baseline.read(Path.of("migration-safety-baseline.json")));
 * if (!report.ok()) { report.newFindings().forEach(System.out::println); }
 * }</pre>
 */
public final class MigrationGate {
    private static final ThreadLocal<MigrationScanner> SCANNERS = ThreadLocal.withInitial(MigrationScanner::new);

    private MigrationGate() {
    }

    /** Checks {@code directory} against {@code baseline}. */
    public static GateReport check(Path directory, Baseline baseline) {
        List<Path> files = sqlFiles(directory);
        List<MigrationFinding> findings = new ArrayList<>();
        Set<BaselineEntry.Key> seen = new HashSet<>();
        for (FileResult result : scanAll(directory, files)) {
            for (RiskyStatement risky : result.risky) {
                boolean baselined = baseline.contains(result.file, risky.statement());
                seen.add(new BaselineEntry.Key(result.file, risky.statement()));
                findings.add(new MigrationFinding(result.file, risky.line(), risky.pattern(), risky.statement(), baselined));
            }
        }
        return new GateReport(findings, baseline.staleAgainst(seen), files.size());
    }

    /** Every risky statement under {@code directory}, as if no baseline existed. */
    public static List<MigrationFinding> scan(Path directory) {
        return check(directory, Baseline.empty()).findings();
    }

    /**
     * The {@code *.sql} files under {@code directory} in path order, hidden directories skipped
     * and symbolic links not followed.
     *
     * @throws PromotionInputException when {@code directory} is missing or not a directory
     */
    public static List<Path> sqlFiles(Path directory) {
        if (!Files.exists(directory)) {
            throw new PromotionInputException(directory + ": migrations directory not found");
        }
        if (!Files.isDirectory(directory)) {
            throw new PromotionInputException(directory + ": not a directory (give the directory that holds the migrations)");
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(directory) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PromotionInputException(directory + ": cannot list the migrations (" + e.getMessage() + ")");
        }
        files.sort(null);
        return files;
    }

    /** The name a finding and the baseline use for {@code file}: relative to the scanned directory, {@code /}-separated. */
    public static String relativeName(Path directory, Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }

    private static List<FileResult> scanAll(Path directory, List<Path> files) {
        // Files are independent: scan them on every core, then report in path order.
        List<FileResult> results = files.parallelStream().map(file -> scanFile(directory, file)).toList();
        List<FileResult> failed = results.stream().filter(r -> r.error != null).toList();
        if (!failed.isEmpty()) {
            String more = failed.size() > 1 ? " (and " + (failed.size() - 1) + " more unreadable "
                    + (failed.size() == 2 ? "file" : "files") + ")" : "";
            throw new PromotionInputException(failed.get(0).error + more);
        }
        return results;
    }

    private static FileResult scanFile(Path directory, Path file) {
        String name = relativeName(directory, file);
        String shown = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new FileResult(name, List.of(), shown + ": cannot read (" + e.getClass().getSimpleName() + ")");
        } catch (UncheckedIOException e) {
            return new FileResult(name, List.of(), shown + ": cannot read");
        }
        try {
            return new FileResult(name, SCANNERS.get().scan(bytes), null);
        } catch (SqlSyntaxException e) {
            return new FileResult(name, List.of(), shown + ":" + e.line() + ": " + e.getMessage());
        }
    }

    private record FileResult(String file, List<RiskyStatement> risky, String error) {
    }
}
