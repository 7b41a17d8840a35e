package org.sosops.env.cli.support;

import picocli.CommandLine.Option;

/** The {@code --format} option every command takes: {@code @Mixin FormatOption format;}. */
public final class FormatOption {
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format = OutputFormat.text;

    public OutputFormat get() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.json;
    }
}
