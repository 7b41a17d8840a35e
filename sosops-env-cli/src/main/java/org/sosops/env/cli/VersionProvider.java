package org.sosops.env.cli;

import org.sosops.env.cli.support.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code sosops-env --version}: the version and commit recorded at build time. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        return new String[] {"sosops-env " + build.version() + " (commit " + build.commit() + ")"};
    }
}
