package org.sosops.env.cli.support;

/**
 * {@code --format} of the commands that report findings: besides text and JSON, SARIF 2.1.0 for
 * code-scanning tools and GitHub workflow-command annotations.
 */
public enum FindingsFormat {
    text,
    json,
    sarif,
    github
}
