package org.sosops.env.testing.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.store.FlagStoreException;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.value.Source;

class InMemoryFlagStoreTest {

    private static FlagResolver resolver(InMemoryFlagStore store) {
        return FlagResolver.builder().environment(AppEnv.LOCAL).flag("new_inbox", false).store(store)
                .executor(Runnable::run).backgroundRefresh(false).build();
    }

    @Test
    void aResolverSeesValuesAndChangesAtOnce() {
        InMemoryFlagStore store = new InMemoryFlagStore().with("new_inbox", true);
        try (FlagResolver flags = resolver(store)) {
            assertThat(flags.resolve("o", "new_inbox").orElseThrow().source()).isEqualTo(Source.DB);
            assertThat(flags.isEnabled("o", "new_inbox")).isTrue();
            store.put("new_inbox", FlagValue.of(false));
            assertThat(flags.isEnabled("o", "new_inbox")).isFalse();
            store.remove("new_inbox");
            assertThat(flags.resolve("o", "new_inbox").orElseThrow().source()).isEqualTo(Source.DEFAULT);
        }
        assertThat(store.subscriberCount()).isZero();
    }

    @Test
    void whileDownReadsFailAndTheResolverKeepsTheLastValues() {
        InMemoryFlagStore store = new InMemoryFlagStore().with("new_inbox", true);
        try (FlagResolver flags = resolver(store)) {
            store.goDown();
            assertThatThrownBy(store::loadAll).isInstanceOf(FlagStoreException.class);
            assertThatThrownBy(flags::refresh).isInstanceOf(FlagStoreException.class);
            assertThat(flags.isEnabled("o", "new_inbox")).isTrue();
            store.with("new_inbox", FlagValue.of(false)).comeBack();
            assertThat(flags.isEnabled("o", "new_inbox")).isFalse();
        }
    }
}
