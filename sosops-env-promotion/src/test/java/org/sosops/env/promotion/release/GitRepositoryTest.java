package org.sosops.env.promotion.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sosops.env.promotion.PromotionInputException;

/** Reads a real git repository created for the test. */
class GitRepositoryTest {
    @TempDir
    Path repo;

    static void git(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 7];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        command[3] = "-c";
        command[4] = "user.email=ci@example.org";
        command[5] = "-c";
        command[6] = "user.name=CI";
        System.arraycopy(args, 0, command, 7, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    @Test
    void theHeadCommitItsBranchAndItsTagsAreRead() throws Exception {
        git(repo, "init", "-q", "-b", "prod");
        Files.writeString(repo.resolve("a.txt"), "a");
        git(repo, "add", "a.txt");
        git(repo, "commit", "-q", "-m", "first");
        git(repo, "tag", "v1.0.0");

        ReleaseCandidate head = GitRepository.at(repo).head();

        assertThat(head.commit()).hasSize(40);
        assertThat(head.branch()).hasValue("prod");
        assertThat(head.tags()).isEqualTo(List.of("v1.0.0"));
        assertThat(GitRepository.at(repo).isOnBranch(head.commit(), "prod")).isTrue();
        assertThat(GitRepository.at(repo).isOnBranch(head.commit(), "main")).isFalse();
    }

    @Test
    void aDetachedCheckoutHasNoBranch() throws Exception {
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("a.txt"), "a");
        git(repo, "add", "a.txt");
        git(repo, "commit", "-q", "-m", "first");
        git(repo, "checkout", "-q", "--detach");

        assertThat(GitRepository.at(repo).head().branch()).isEmpty();
        assertThat(GitRepository.at(repo).head().tags()).isEmpty();
    }

    @Test
    void aDirectoryWithoutCommitsIsAnInputError() {
        assertThatThrownBy(() -> GitRepository.at(repo).head()).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("not a git checkout with a commit");
    }
}
