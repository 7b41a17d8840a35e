package org.sosops.env.cli.support;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --format} option of {@code check}, {@code secrets}, {@code migrations check} and
 * {@code launch-gate}: {@code @Mixin FindingsFormatOption format;}, or {@link #spec()} for a
 * command whose model is built in code ({@code check}). The other commands take
 * {@link FormatOption}, so {@code --format sarif} on them is a usage error rather than text.
 */
public final class FindingsFormatOption {
    static final String NAME = "--format";
    static final String DEFAULT = "text";
    static final String PARAM_LABEL = "text|json|sarif|github";
    static final String DESCRIPTION = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
            + "sarif is SARIF 2.1.0 for code scanning; github prints workflow annotations.";

    @Option(names = NAME, defaultValue = DEFAULT, paramLabel = PARAM_LABEL, description = DESCRIPTION)
    private FindingsFormat format = FindingsFormat.text;

    /** For picocli's {@code @Mixin}, which sets {@code format} from the command line. */
    public FindingsFormatOption() {
    }

    /** The option as parsed by {@link #spec()}. */
    public FindingsFormatOption(FindingsFormat format) {
        this.format = format;
    }

    /** The same option as the annotated field, built in code (no annotation reading at start-up). */
    public static OptionSpec spec() {
        return OptionSpec.builder(NAME)
                .type(FindingsFormat.class)
                .defaultValue(DEFAULT)
                .paramLabel(PARAM_LABEL)
                .description(DESCRIPTION)
                .build();
    }

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
