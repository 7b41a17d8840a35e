package org.sosops.env.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version, commit and project URL recorded at build time (a filtered resource), for
 * {@code --version} and SARIF's {@code tool.driver}.
 *
 * @param version e.g. {@code 0.1.0}
 * @param commit  the abbreviated git commit of the build, or {@code unknown} when built without git
 * @param url     the project's home page
 */
public record BuildInfo(String version, String commit, String url) {
    private static final String RESOURCE = "/org/sosops/env/cli/build-info.properties";
    private static final String UNKNOWN = "unknown";

    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(value(properties, "version"), value(properties, "commit"),
                properties.getProperty("url", "https://github.com/sosops/sosops-env"));
    }

    /** A property, or {@code unknown} when missing or left unfiltered (no git at build time). */
    private static String value(Properties properties, String name) {
        String value = properties.getProperty(name, "").strip();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }
}
