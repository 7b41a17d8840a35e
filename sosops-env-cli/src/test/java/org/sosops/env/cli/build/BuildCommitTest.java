package org.sosops.env.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommitTest {
    @TempDir
    Path dir;

    @Test
    void outsideAGitCheckoutTheCommitIsUnknownAndTheFileKeepsItsOtherLines() throws Exception {
        Path properties = Files.writeString(dir.resolve("build-info.properties"), "version=1.2.3\ncommit=unknown\nurl=https://x\n");
        BuildCommit.main(new String[] {dir.toString(), properties.toString()});
        assertThat(properties).hasContent("version=1.2.3\ncommit=unknown\nurl=https://x");
    }

    @Test
    void insideTheCheckoutItIsTheAbbreviatedHead() throws Exception {
        String commit = BuildCommit.commit(Path.of(".."));
        assertThat(commit).matches("[0-9a-f]{12}|unknown");
    }
}
