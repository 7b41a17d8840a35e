package org.sosops.env.flags.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntitlementsTest {

    @Test
    void aLayerThatSetsNothingIsEmptyAndSettingAnyPartMakesItNonEmpty() {
        assertThat(Entitlements.none().isEmpty()).isTrue();
        assertThat(new Entitlements(OptionalLong.empty(), Set.of(), Map.of()).isEmpty()).isTrue();
        assertThat(new Entitlements(OptionalLong.of(0), Set.of(), Map.of()).isEmpty()).isFalse();
        assertThat(new Entitlements(OptionalLong.empty(), Set.of("sso"), Map.of()).isEmpty()).isFalse();
        assertThat(new Entitlements(OptionalLong.empty(), Set.of(), Map.of("sms", 0L)).isEmpty()).isFalse();
    }

    @Test
    void zeroIsAValidSeatLimitAndCapButNegativesAreRefused() {
        assertThat(Entitlements.of(0, Set.of(), Map.of("sms", 0L)).seatLimit()).isEqualTo(OptionalLong.of(0));
        assertThatThrownBy(() -> Entitlements.of(-1, Set.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("seat_limit must not be negative");
        assertThatThrownBy(() -> Entitlements.of(1, Set.of(), Map.of("sms", -1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("usage cap sms must be a non-negative number");
        Map<String, Long> withNull = new HashMap<>();
        withNull.put("sms", null);
        assertThatThrownBy(() -> Entitlements.of(1, Set.of(), withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("usage cap sms must be a non-negative number");
    }

    @Test
    void thePartsAreCopiedAndReadOnly() {
        Map<String, Long> caps = new HashMap<>(Map.of("sms", 5L));
        Entitlements plan = Entitlements.of(3, Set.of("sso"), caps);
        caps.put("email", 1L);
        assertThat(plan.usageCaps()).containsOnlyKeys("sms");
        assertThatThrownBy(() -> plan.features().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
