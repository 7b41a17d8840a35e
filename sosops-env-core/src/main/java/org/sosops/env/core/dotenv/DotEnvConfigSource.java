package org.sosops.env.core.dotenv;

import io.smallrye.config.EnvConfigSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sosops.env.core.variables.VariableValue;

/**
 * A SmallRye Config source over a {@code .env} file, read by the same strict reader as the
 * policy. Names are matched the way SmallRye matches environment variables, so
 * {@code @ConfigMapping(prefix = "app") interface App { String url(); }} sees {@code APP_URL}.
 *
 * <pre>{@code
 * SmallRyeConfig config = new SmallRyeConfigBuilder()
 *         .withSources(DotEnvConfigSource.of(Path.of(".env")))
 *         .withMapping(App.class)
 *         .build();
 * }</pre>
 *
 * <p>Requires {@code io.smallrye.config:smallrye-config} on the class path (an optional dependency).
 * {@link DotEnvConfigSourceProvider} registers it for {@code addDiscoveredSources()}.
 */
public final class DotEnvConfigSource extends EnvConfigSource {
    /**
     * Below the real environment variables (300), as SmallRye's own {@code .env} source: a variable
     * set on the process overrides the file, the way a deployment platform expects.
     */
    public static final int DEFAULT_ORDINAL = 295;
    /**
     * SmallRye reports a property that maps to no {@code @ConfigMapping} root as an error, except
     * when its source's name starts with {@code EnvConfigSource}: a {@code .env} file, like the
     * process environment, holds variables for many consumers, so ours must be named that way too.
     */
    private static final String NAME_PREFIX = "EnvConfigSource[SOS Ops .env ";

    private final String name;

    private DotEnvConfigSource(Map<String, String> properties, int ordinal, String label) {
        super(properties, ordinal);
        this.name = NAME_PREFIX + label + "]";
    }

    public static DotEnvConfigSource of(Path file) {
        return of(file, DEFAULT_ORDINAL);
    }

    public static DotEnvConfigSource of(Path file, int ordinal) {
        return new DotEnvConfigSource(toMap(DotEnvReader.read(file)), ordinal, file.toString());
    }

    /** A source over variables already read (and perhaps validated), such as a policy's. */
    public static DotEnvConfigSource fromEntries(List<VariableValue> entries, int ordinal) {
        return new DotEnvConfigSource(toMap(entries), ordinal, "variables");
    }

    private static Map<String, String> toMap(List<VariableValue> entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        entries.forEach(e -> properties.put(e.name(), e.value()));
        return properties;
    }

    /** {@code EnvConfigSource[SOS Ops .env <file>]}: names the file, never a value. */
    @Override
    public String getName() {
        return name;
    }
}
