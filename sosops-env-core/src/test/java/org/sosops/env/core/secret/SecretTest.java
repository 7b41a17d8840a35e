package org.sosops.env.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String VALUE = "Hk29vLq8-very-private";

    @Test
    void neverRevealsItselfInToString() {
        Secret secret = Secret.of(VALUE);
        assertThat(secret.toString()).isEqualTo("***");
        assertThat(String.valueOf(secret)).doesNotContain(VALUE);
        assertThat("token " + secret).isEqualTo("token ***");
        assertThat(List.of(secret).toString()).doesNotContain(VALUE);
        assertThat(Map.of("k", secret).toString()).doesNotContain(VALUE);
        assertThat(Optional.of(secret).toString()).doesNotContain(VALUE);
        assertThat(String.format("%s", secret)).doesNotContain(VALUE);
    }

    @Test
    void revealsItsValueOnlyWhenAskedExplicitly() {
        Secret secret = Secret.of(VALUE);
        assertThat(secret.reveal()).isEqualTo(VALUE);
        assertThat(secret.bytes()).isEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
        assertThat(secret.length()).isEqualTo(VALUE.length());
    }

    @Test
    void handsOutAFreshCopyOfItsBytes() {
        Secret secret = Secret.of(VALUE);
        byte[] bytes = secret.bytes();
        java.util.Arrays.fill(bytes, (byte) 0);
        assertThat(secret.reveal()).isEqualTo(VALUE);
    }

    @Test
    void comparesByValue() {
        assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"));
        assertThat(Secret.of(VALUE).matches(Secret.of(VALUE))).isTrue();
        assertThat(Secret.of(VALUE).matches(null)).isFalse();
        assertThat(Secret.of(VALUE)).hasSameHashCodeAs(Secret.of(VALUE));
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void fingerprintsAreShortSaltedAndOneWay() {
        byte[] salt = "salt-1".getBytes(StandardCharsets.UTF_8);
        String fingerprint = Secret.of(VALUE).fingerprint(salt);
        assertThat(fingerprint).hasSize(Fingerprints.SHORT_LENGTH).matches("[0-9a-f]+").doesNotContain(VALUE);
        assertThat(Secret.of(VALUE).fingerprint(salt)).isEqualTo(fingerprint);
        assertThat(Secret.of(VALUE).fingerprint("salt-2".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(fingerprint);
        assertThat(Secret.of(VALUE + "!").fingerprint(salt)).isNotEqualTo(fingerprint);
        assertThat(Fingerprints.fingerprint(salt, VALUE)).hasSize(64).startsWith(fingerprint);
    }

    @Test
    void fingerprintIsHmacSha256OfTheValueKeyedByTheSalt() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("v".getBytes(StandardCharsets.UTF_8)));
        assertThat(Fingerprints.fingerprint("k".getBytes(StandardCharsets.UTF_8), "v")).isEqualTo(expected);
    }

    @Test
    void theHashCodeIsNotTheValuesStringHashYetEqualSecretsHashAlike() {
        for (String value : List.of(VALUE, "a", "short", "0123456789abcdef0123456789abcdef")) {
            assertThat(Secret.of(value).hashCode()).isNotEqualTo(value.hashCode())
                    .isEqualTo(Secret.of(value).hashCode());
        }
        // A keyed hash spreads values: not one constant for everything.
        assertThat(List.of("a", "b", "c", "d", "e", "f").stream().map(v -> Secret.of(v).hashCode()).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void theSlowFingerprintIsStandardPbkdf2HmacSha256() throws Exception {
        byte[] salt = "sixteen-byte-slt".getBytes(StandardCharsets.UTF_8);
        javax.crypto.SecretKeyFactory factory = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        String expected = java.util.HexFormat.of().formatHex(factory.generateSecret(
                new javax.crypto.spec.PBEKeySpec(VALUE.toCharArray(), salt, Fingerprints.MIN_ITERATIONS, 256)).getEncoded());
        assertThat(Fingerprints.derive(salt, Fingerprints.MIN_ITERATIONS, VALUE)).isEqualTo(expected);
    }

    @Test
    void theSlowFingerprintRefusesAWorkFactorOutsideItsBoundsAndShortSalts() {
        assertThatThrownBy(() -> Fingerprints.derive(new byte[16], Fingerprints.MIN_ITERATIONS - 1, VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(VALUE);
        assertThatThrownBy(() -> Fingerprints.derive(new byte[16], Fingerprints.MAX_ITERATIONS + 1, VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprints.derive(new byte[8], Fingerprints.DEFAULT_ITERATIONS, VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
