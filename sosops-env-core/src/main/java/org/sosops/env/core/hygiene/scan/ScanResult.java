package org.sosops.env.core.hygiene.scan;

import java.util.List;

/**
 * What a {@link SourceScanner} found in one tree.
 *
 * <pre>{@code
 * ScanResult result = SourceScanner.standard().scan(Path.of("src"));
 * boolean clean = result.secrets().stream().allMatch(SourceSecret::allowed);
 * }</pre>
 *
 * @param secrets      every secret literal, allowed or not, in file then line order
 * @param skipped      files that could not be checked, with why
 * @param filesScanned text files checked
 * @param bytesScanned their total size
 * @param binaryFiles  files skipped as binary
 */
public record ScanResult(List<SourceSecret> secrets, List<SkippedFile> skipped, int filesScanned,
                         long bytesScanned, int binaryFiles) {
    public ScanResult {
        secrets = List.copyOf(secrets);
        skipped = List.copyOf(skipped);
    }
}
