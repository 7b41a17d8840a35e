package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.secret.Secret;

class SecretBaselineSaltTest {
    @Test
    void everyNewBaselineDrawsItsOwnSalt() {
        List<SourceSecret> secrets = List.of(new SourceSecret("A.java", 1, "k", "d", Optional.empty(),
                Secret.of("Zr8vQ2kL9x"), Optional.empty()));

        SecretBaseline first = SecretBaseline.of(secrets);
        SecretBaseline second = SecretBaseline.of(secrets);

        assertThat(first.toText()).doesNotContain("salt " + "00".repeat(16));
        assertThat(first.entries().get(0).hash()).isNotEqualTo(second.entries().get(0).hash());
        assertThat(first.contains(secrets.get(0))).isTrue();
        assertThat(second.contains(secrets.get(0))).isTrue();
    }
}
