package org.sosops.env.promotion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.testsupport.MutableClock;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.promotion.db.PostgresTarget;

/** The ledger's reads against PostgreSQL: which entry is the latest, and in what order history comes. */
class PromotionLedgerTest {
    private static final String COMMIT = "3f2c9a1b7e6d5c4b3a29180706f5e4d3c2b1a098";
    private static final Instant START = Instant.parse("2026-11-22T03:00:00Z");

    private ScratchDatabase db;
    private final MutableClock clock = new MutableClock(START);
    private PromotionLedger ledger;

    @BeforeEach
    void createDatabase() {
        db = ScratchDatabase.create("ledger");
        PostgresTarget target = PostgresTarget.parse("SOSOPS_PROMOTION_LEDGER_URL", db.databaseUrl());
        ledger = PromotionLedger.at(target, clock);
        assertThat(ledger.target()).contains(target);
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void theLatestEntryIsTheNewestForExactlyThatCommitEnvironmentAndCheck() {
        ledger.record(COMMIT, "staging", "smoke", LedgerEntry.Result.FAIL);
        clock.advance(Duration.ofMinutes(1));
        LedgerEntry pass = ledger.record(COMMIT, "staging", "smoke", LedgerEntry.Result.PASS);
        clock.advance(Duration.ofMinutes(1));
        ledger.record(COMMIT, "prod", "smoke", LedgerEntry.Result.FAIL);
        ledger.record(COMMIT, "staging", "smoke:health", LedgerEntry.Result.FAIL);

        assertThat(ledger.latest(COMMIT, "staging", "smoke")).contains(pass);
        assertThat(pass.recordedAt()).isEqualTo(START.plusSeconds(60));
        assertThat(ledger.latest(COMMIT, "prod", "smoke")).map(LedgerEntry::result).contains(LedgerEntry.Result.FAIL);
        assertThat(ledger.latest(COMMIT, "dev", "smoke")).isEmpty();
        assertThat(ledger.latest("0000000000000000000000000000000000000000", "staging", "smoke")).isEmpty();
    }

    @Test
    void ofTwoEntriesAtTheSameInstantTheOneRecordedLastIsTheLatest() {
        ledger.recordAll(List.of(
                new LedgerEntry(COMMIT, "staging", "smoke", LedgerEntry.Result.PASS, START),
                new LedgerEntry(COMMIT, "staging", "smoke", LedgerEntry.Result.FAIL, START)));

        assertThat(ledger.latest(COMMIT, "staging", "smoke")).map(LedgerEntry::result).contains(LedgerEntry.Result.FAIL);
    }

    @Test
    void historyListsACommitsEntriesOldestFirstWhateverCaseAndSpacingTheCommitWasGivenIn() {
        clock.advance(Duration.ofMinutes(1));
        ledger.record("  " + COMMIT.toUpperCase() + "\n", "staging", "smoke", LedgerEntry.Result.PASS);
        ledger.recordAll(List.of(new LedgerEntry(COMMIT, "staging", "migrations", LedgerEntry.Result.PASS, START)));
        ledger.record("ffffffffffffffffffffffffffffffffffffffff", "staging", "smoke", LedgerEntry.Result.PASS);

        List<LedgerEntry> history = ledger.history(COMMIT.toUpperCase());
        assertThat(history).extracting(LedgerEntry::check).containsExactly("migrations", "smoke");
        assertThat(history).extracting(LedgerEntry::commit).containsOnly(COMMIT);
        assertThat(history.get(1)).isEqualTo(new LedgerEntry(COMMIT, "staging", "smoke", LedgerEntry.Result.PASS,
                START.plusSeconds(60)));
    }

    @Test
    void resultsAreStoredAsTheirLowerCaseIds() {
        assertThat(LedgerEntry.Result.PASS.id()).isEqualTo("pass");
        assertThat(LedgerEntry.Result.FAIL.id()).isEqualTo("fail");
        assertThat(PromotionLedger.normalizeCommit(" ABC1 ")).isEqualTo("abc1");
    }
}
