package org.sosops.env.core.dotenv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

/**
 * Registers the {@code .env} files as configuration sources (listed in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSourceProvider}): the files of
 * {@code SOSOPS_ENV_FILE} (comma-separated, later files win), else {@code ./.env} when it exists.
 * Ordinal {@value DotEnvConfigSource#DEFAULT_ORDINAL}: real environment variables (300) win.
 *
 * <pre>{@code
 * SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().addDiscoveredSources().build();
 * config.getValue("APP_URL", String.class);   // from .env unless the process sets APP_URL
 * }</pre>
 *
 * <p>A named file that is missing or malformed fails the configuration with a one-line
 * {@link DotEnvException} naming file and line, never a value.
 */
public final class DotEnvConfigSourceProvider implements ConfigSourceProvider {
    static final String SETTING = "SOSOPS_ENV_FILE";
    private final Map<String, String> environment;
    private final Path directory;

    /** The provider {@link java.util.ServiceLoader} builds: the process environment and working directory. */
    public DotEnvConfigSourceProvider() {
        this(System.getenv(), Path.of(""));
    }

    DotEnvConfigSourceProvider(Map<String, String> environment, Path directory) {
        this.environment = Map.copyOf(environment);
        this.directory = directory;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        List<ConfigSource> sources = new ArrayList<>();
        String setting = environment.get(SETTING);
        if (setting != null && !setting.isBlank()) {
            List<String> files = Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            // Later files win: each gets one ordinal step more, all still below the real environment.
            for (int i = 0; i < files.size(); i++) {
                int ordinal = DotEnvConfigSource.DEFAULT_ORDINAL - files.size() + 1 + i;
                sources.add(DotEnvConfigSource.of(directory.resolve(files.get(i)), ordinal));
            }
            return sources;
        }
        Path dotEnv = directory.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            sources.add(DotEnvConfigSource.of(dotEnv));
        }
        return sources;
    }
}
