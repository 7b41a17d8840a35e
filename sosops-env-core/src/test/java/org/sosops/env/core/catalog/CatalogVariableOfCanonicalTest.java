package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;

/** A canonical variable's catalog entry carries its table row; a hand-made entry copies its sets. */
class CatalogVariableOfCanonicalTest {
    @Test
    void aCanonicalEntryIsRequiredWhereTheTableSays() {
        assertThat(CatalogVariable.of(CanonicalVariable.AUTH_SECRET).requiredIn()).containsExactly(AppEnv.values());
        assertThat(CatalogVariable.of(CanonicalVariable.DATABASE_URL).requiredIn())
                .containsExactly(AppEnv.DEV, AppEnv.STAGING, AppEnv.PROD);
        CatalogVariable blob = CatalogVariable.of(CanonicalVariable.BLOB_READ_WRITE_TOKEN);
        assertThat(blob.requiredIn()).isEmpty();
        assertThat(blob.isOptional()).isTrue();
        assertThat(blob.secret()).isTrue();
        assertThat(blob.providers()).containsExactly(Provider.BLOB);
        assertThat(blob.canonical()).contains(CanonicalVariable.BLOB_READ_WRITE_TOKEN);
        assertThat(blob.format()).isEqualTo(CanonicalVariable.BLOB_READ_WRITE_TOKEN.format());
    }

    @Test
    void aHandMadeEntryTakesEmptyAndFilledSetsAlike() {
        CatalogVariable none = new CatalogVariable("TENANT_REGION", false, Set.of(), "free-form",
                (value, env, all) -> Optional.empty(), Set.of(), false, Optional.empty());
        CatalogVariable some = new CatalogVariable("TENANT_REGION", false, Set.of(AppEnv.PROD), "free-form",
                (value, env, all) -> Optional.empty(), Set.of(Provider.UPSTASH), false, Optional.empty());

        assertThat(none.requiredIn()).isEmpty();
        assertThat(none.providers()).isEmpty();
        assertThat(some.requiredIn()).containsExactly(AppEnv.PROD);
        assertThat(some.providers()).containsExactly(Provider.UPSTASH);
    }
}
