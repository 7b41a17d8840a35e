package org.sosops.env.promotion.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.db.PostgresTarget;
import org.sosops.env.promotion.ledger.LedgerEntry;
import org.sosops.env.promotion.ledger.PromotionLedger;

/** Release rules with the promotion ledger in a real PostgreSQL database. */
class ReleaseRulesTest {
    private static final String COMMIT = "3f2c9a1e4b5d6c7f8091a2b3c4d5e6f708192a3b";
    private ScratchDatabase db;
    private PromotionLedger ledger;

    @BeforeEach
    void open() {
        db = ScratchDatabase.create("ledger");
        ledger = PromotionLedger.at(PostgresTarget.parse("ledger", db.databaseUrl()),
                Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void mainDeploysToStagingProdToProdAndOtherBranchesToPreviews() {
        ReleaseRules rules = ReleaseRules.defaults();
        assertThat(rules.environmentFor("main")).isEqualTo("staging");
        assertThat(rules.environmentFor("prod")).isEqualTo("prod");
        assertThat(rules.environmentFor("feature/x")).isEqualTo("preview");
    }

    @Test
    void theMappingIsConfigurableWithPrefixRules() {
        ReleaseRules rules = ReleaseRules.parse("develop=dev, release/*=staging, production=prod");
        assertThat(rules.environmentFor("release/2.1")).isEqualTo("staging");
        assertThat(rules.environmentFor("develop")).isEqualTo("dev");
        assertThat(rules.environmentFor("main")).isEqualTo("preview");
        assertThatThrownBy(() -> ReleaseRules.parse("main")).isInstanceOf(PromotionInputException.class)
                .hasMessageContaining("'main' must be BRANCH=ENVIRONMENT");
    }

    @Test
    void aTaggedProdCommitThatPassedStagingSmokeMayBeReleased() {
        ledger.record(COMMIT, "staging", "smoke", LedgerEntry.Result.PASS);

        List<String> problems = ReleaseRules.defaults().checkRelease("prod",
                new ReleaseCandidate(COMMIT, Optional.of("prod"), List.of("v1.4.0")), Optional.of(ledger));

        assertThat(problems).isEmpty();
    }

    @Test
    void anUntaggedBuildAWrongBranchAndAnUnvalidatedCommitAreEachRefused() {
        List<String> problems = ReleaseRules.defaults().checkRelease("prod",
                new ReleaseCandidate(COMMIT, Optional.of("main"), List.of()), Optional.of(ledger));

        assertThat(problems).containsExactly(
                "branch main deploys to staging, not prod (prod deploys from prod)",
                "commit 3f2c9a1e4b5d is not tagged; a production release must be a tagged commit",
                "commit 3f2c9a1e4b5d was never validated on staging (no smoke result in the ledger;"
                        + " run 'sosops-env smoke --record' against staging)");
    }

    @Test
    void onlyTheExactCommitCountsAndTheLatestResultWins() {
        ledger.record("0000000000000000000000000000000000000000", "staging", "smoke", LedgerEntry.Result.PASS);
        ledger.record(COMMIT, "dev", "smoke", LedgerEntry.Result.PASS);
        ReleaseCandidate candidate = new ReleaseCandidate(COMMIT, Optional.of("prod"), List.of("v2"));
        assertThat(ReleaseRules.defaults().checkRelease("prod", candidate, Optional.of(ledger)))
                .singleElement().asString().contains("was never validated on staging");

        PromotionLedger later = PromotionLedger.at(ledger.target().orElseThrow(), Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC));
        ledger.record(COMMIT, "staging", "smoke", LedgerEntry.Result.PASS);
        later.record(COMMIT, "staging", "smoke", LedgerEntry.Result.FAIL);
        assertThat(ReleaseRules.defaults().checkRelease("prod", candidate, Optional.of(ledger)))
                .containsExactly("commit 3f2c9a1e4b5d failed its latest staging smoke checks (2026-11-22T04:00:00Z)");
        assertThat(ledger.history(COMMIT)).extracting(e -> e.environment() + "/" + e.result().id())
                .containsExactly("dev/pass", "staging/pass", "staging/fail");
    }

    @Test
    void withoutALedgerProdIsRefusedAndADetachedCheckoutNeedsItsBranch() {
        assertThat(ReleaseRules.defaults().checkRelease("prod",
                new ReleaseCandidate(COMMIT, Optional.empty(), List.of("v1")), Optional.empty())).containsExactly(
                "the branch of commit 3f2c9a1e4b5d is unknown (detached checkout); pass --branch",
                "no promotion ledger given (set SOSOPS_PROMOTION_LEDGER_URL or name its variable with --ledger-database-url-env): cannot prove commit 3f2c9a1e4b5d passed the staging smoke checks");
    }

    @Test
    void stagingOnlyNeedsTheRightBranch() {
        assertThat(ReleaseRules.defaults().checkRelease("staging",
                new ReleaseCandidate(COMMIT, Optional.of("main"), List.of()), Optional.empty())).isEmpty();
    }
}
