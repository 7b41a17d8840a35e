package org.sosops.env.cli.support;

/** The exit codes of docs/cli.md. */
public final class ExitCode {
    public static final int CLEAN = 0;
    public static final int FINDINGS = 1;
    public static final int INPUT_ERROR = 2;

    private ExitCode() {
    }
}
