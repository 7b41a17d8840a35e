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
 */
public final class DotEnvConfigSource extends EnvConfigSource {
    /** Above SmallRye's own environment source (300), so the file wins like it does for the policy. */
    public static final int DEFAULT_ORDINAL = 305;

    private DotEnvConfigSource(Map<String, String> properties, int ordinal) {
        super(properties, ordinal);
    }

    public static DotEnvConfigSource of(Path file) {
        return of(file, DEFAULT_ORDINAL);
    }

    public static DotEnvConfigSource of(Path file, int ordinal) {
        return fromEntries(DotEnvReader.read(file), ordinal);
    }

    public static DotEnvConfigSource fromEntries(List<VariableValue> entries, int ordinal) {
        Map<String, String> properties = new LinkedHashMap<>();
        entries.forEach(e -> properties.put(e.name(), e.value()));
        return new DotEnvConfigSource(properties, ordinal);
    }

    @Override
    public String getName() {
        return "SOS Ops .env ConfigSource";
    }
}
