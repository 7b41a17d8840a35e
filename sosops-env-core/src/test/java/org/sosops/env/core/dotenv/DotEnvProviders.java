package org.sosops.env.core.dotenv;

import java.nio.file.Path;
import java.util.Map;

/** Reaches the provider's test constructor (a given environment and working directory). */
public final class DotEnvProviders {
    private DotEnvProviders() {
    }

    public static DotEnvConfigSourceProvider of(Map<String, String> environment, Path directory) {
        return new DotEnvConfigSourceProvider(environment, directory);
    }
}
