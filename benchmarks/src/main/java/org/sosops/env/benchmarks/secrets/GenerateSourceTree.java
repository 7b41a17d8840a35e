package org.sosops.env.benchmarks.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tree of typical source for the whole-process timing of {@code sosops-env secrets --scan}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.sosops.env.benchmarks.secrets.GenerateSourceTree /tmp/sosops-scan-100mb 100
 * </pre>
 */
public final class GenerateSourceTree {
    private GenerateSourceTree() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GenerateSourceTree DIR MEGABYTES");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]) * 1024L * 1024L;
        long written = 0;
        int count = 0;
        for (TypicalSource.GeneratedFile file : TypicalSource.generate(bytes, 24 * 1024, 7)) {
            Path target = root.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.write(target, file.content());
            written += file.content().length;
            count++;
        }
        System.out.printf("wrote %d files, %.1f MiB, under %s%n", count, written / 1048576.0, root);
    }
}
