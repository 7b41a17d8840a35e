package org.sosops.env.cli.support;

/** {@code --format text|json}. */
public enum OutputFormat {
    text,
    json
}
