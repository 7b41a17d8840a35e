package org.sosops.env.promotion.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.sosops.env.promotion.PromotionInputException;

/**
 * Reads the release candidate from a git checkout with the {@code git} command.
 *
 * <pre>{@code
 * ReleaseCandidate head = GitRepository.at(Path.of(".")).head();
 * }</pre>
 */
public final class GitRepository {
    private final Path directory;

    private GitRepository(Path directory) {
        this.directory = directory;
    }

    public static GitRepository at(Path directory) {
        return new GitRepository(directory);
    }

    /** {@code HEAD}: its commit, its branch (empty when detached) and the tags pointing at it. */
    public ReleaseCandidate head() {
        String commit = git("rev-parse", "--verify", "HEAD^{commit}").orElseThrow(() -> new PromotionInputException(
                directory.toAbsolutePath() + ": not a git checkout with a commit (pass --commit, --branch and --tag)"));
        Optional<String> branch = git("symbolic-ref", "--quiet", "--short", "HEAD");
        return new ReleaseCandidate(commit, branch, tagsAt(commit));
    }

    /** The tags pointing at {@code commit}. */
    public List<String> tagsAt(String commit) {
        return git("tag", "--points-at", commit).map(s -> Arrays.stream(s.split("\n")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList()).orElse(List.of());
    }

    /** True when {@code commit} is reachable from {@code branch} (the commit is "on" the branch). */
    public boolean isOnBranch(String commit, String branch) {
        return git("merge-base", "--is-ancestor", commit, "refs/heads/" + branch).isPresent()
                || git("merge-base", "--is-ancestor", commit, "refs/remotes/origin/" + branch).isPresent();
    }

    /** The command's trimmed output when it exits 0; empty otherwise. */
    private Optional<String> git(String... arguments) {
        String[] command = new String[arguments.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = directory.toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new PromotionInputException("cannot run git (" + e.getMessage() + "); pass --commit, --branch and --tag");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
