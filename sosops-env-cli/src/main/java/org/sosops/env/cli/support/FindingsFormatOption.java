package org.sosops.env.cli.support;

import picocli.CommandLine.Option;

/**
 * The {@code --format} option of {@code check}, {@code secrets}, {@code migrations check} and
 * {@code launch-gate}: {@code @Mixin FindingsFormatOption format;}. The other commands take
 * {@link FormatOption}, so {@code --format sarif} on them is a usage error rather than text.
 */
public final class FindingsFormatOption {
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|sarif|github",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "sarif is SARIF 2.1.0 for code scanning; github prints workflow annotations.")
    private FindingsFormat format = FindingsFormat.text;

    public FindingsFormat get() {
        return format;
    }

    public boolean json() {
        return format == FindingsFormat.json;
    }

    /** True for {@code sarif} and {@code github}: print through {@link Annotations}. */
    public boolean annotations() {
        return format == FindingsFormat.sarif || format == FindingsFormat.github;
    }
}
