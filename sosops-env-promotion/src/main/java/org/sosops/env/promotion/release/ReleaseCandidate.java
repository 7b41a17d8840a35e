package org.sosops.env.promotion.release;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The build about to be deployed: its exact commit, the branch it was built from (unknown on a
 * detached checkout unless given), and the tags that point at the commit.
 */
public record ReleaseCandidate(String commit, Optional<String> branch, List<String> tags) {
    public ReleaseCandidate {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(branch, "branch");
        tags = List.copyOf(tags);
    }

    public String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
