package org.sosops.env.cli.support;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h, --help} and {@code -V, --version} for a command whose model is built in code: the
 * options {@code mixinStandardHelpOptions = true} adds, without the annotation reading it does.
 *
 * <p>picocli's own {@code CommandSpec.mixinStandardHelpOptions(true)} builds these two options
 * by reflection over its annotated {@code AutoHelpMixin}, which generates annotation proxies at
 * run time; for {@code sosops-env check} that reflection was a large share of start-up. The names
 * (including picocli's {@code picocli.help.name.*} and {@code picocli.version.name.*} overrides),
 * descriptions and resource-bundle keys are picocli's, and the mixin is registered under
 * picocli's key, so usage help and {@code CommandSpec.mixinStandardHelpOptions()} are unchanged.
 *
 * <pre>{@code
 * StandardHelpOptions.addTo(CommandSpec.wrapWithoutInspection(command));
 * }</pre>
 */
public final class StandardHelpOptions {
    /** The key picocli registers its standard help mixin under. */
    static final String MIXIN_KEY = "mixinStandardHelpOptions";

    private StandardHelpOptions() {
    }

    /** Adds the two options to {@code spec} as picocli's standard help mixin; returns {@code spec}. */
    public static CommandSpec addTo(CommandSpec spec) {
        CommandSpec mixin = CommandSpec.create()
                .addOption(OptionSpec.builder("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
                        .type(boolean.class)
                        .usageHelp(true)
                        .descriptionKey("mixinStandardHelpOptions.help")
                        .description("Show this help message and exit.")
                        .build())
                .addOption(OptionSpec.builder("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}")
                        .type(boolean.class)
                        .versionHelp(true)
                        .descriptionKey("mixinStandardHelpOptions.version")
                        .description("Print version information and exit.")
                        .build());
        return spec.addMixin(MIXIN_KEY, mixin);
    }
}
