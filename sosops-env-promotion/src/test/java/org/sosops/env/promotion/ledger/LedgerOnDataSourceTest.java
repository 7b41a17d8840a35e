package org.sosops.env.promotion.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.jdbc.PooledDataSource;
import org.sosops.env.core.jdbc.PooledDataSources;
import org.sosops.env.core.testsupport.ScratchDatabase;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.db.PostgresTarget;

/** The ledger on a host's pool: same table as the command line reads, and the pool stays open. */
class LedgerOnDataSourceTest {
    private static final String COMMIT = "3f2c9a1b7e6d5c4b3a29180706f5e4d3c2b1a098";

    @Test
    void evidenceRecordedThroughTheHostsPoolIsWhatTheCommandLineReadsAndThePoolStaysOpen() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("ledgerds");
             PooledDataSource host = PooledDataSources.fromUrl("DATABASE_URL", db.databaseUrl()).component("ledger-test").build()) {
            Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);
            PromotionLedger hosted = PromotionLedger.on(host, clock);
            assertThat(hosted.target()).isEmpty();
            hosted.record(COMMIT.toUpperCase(), "staging", "smoke", LedgerEntry.Result.PASS);

            PromotionLedger cli = PromotionLedger.at(PostgresTarget.parse("SOSOPS_PROMOTION_LEDGER_URL", db.databaseUrl()), clock);
            assertThat(cli.latest(COMMIT, "staging", "smoke")).map(LedgerEntry::result).contains(LedgerEntry.Result.PASS);
            assertThat(host.isClosed()).isFalse();
            try (Connection c = host.getConnection(); Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        }
    }

    @Test
    void anUnreachableHostPoolIsAnInputErrorWithoutItsPassword() {
        try (PooledDataSource dead = PooledDataSources.fromUrl("DATABASE_URL", "postgresql://u:ledger-secret-pw@127.0.0.1:1/x")
                .component("ledger-dead").connectionTimeout(Duration.ofMillis(300)).build()) {
            PromotionLedger ledger = PromotionLedger.on(dead, Clock.systemUTC());
            assertThatThrownBy(() -> ledger.history(COMMIT))
                    .isInstanceOf(PromotionInputException.class)
                    .hasMessageStartingWith("cannot use the ledger database (the application's DataSource)")
                    .hasMessageNotContaining("ledger-secret-pw");
        }
    }
}
