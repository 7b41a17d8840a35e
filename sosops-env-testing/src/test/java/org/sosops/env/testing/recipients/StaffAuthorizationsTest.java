package org.sosops.env.testing.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.AuthorizationCheck;
import org.sosops.env.core.recipients.DataLabel;
import org.sosops.env.core.recipients.StaffAuthorization;
import org.sosops.env.core.recipients.StaffAuthorizations;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.testing.environment.FakeEnvironment;

class StaffAuthorizationsTest {
    private final Secret secret = FakeEnvironment.of(AppEnv.PROD).authSecret();
    private final StaffAuthorizations authorizations = StaffAuthorizations.withAuthSecret(secret);
    private final StaffAuthorization grant = new StaffAuthorization("auth-7", "maria.ops", "gotv", AppEnv.PROD, 500,
            Instant.parse("2026-11-22T09:00:00Z"), Instant.parse("2026-11-22T13:00:00Z"), DataLabel.AUTHORIZED_REAL_DATA);

    @Test
    void verifiesWhatItSignedAndReturnsEveryField() {
        String token = authorizations.sign(grant);
        assertThat(token).startsWith("sosops-auth.v1.").doesNotContain(secret.reveal());
        assertThat(authorizations.verify(token)).isEqualTo(new AuthorizationCheck.Valid(grant));
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        String token = StaffAuthorizations.withAuthSecret(FakeEnvironment.of(AppEnv.PROD).authSecret()).sign(grant);
        assertThat(authorizations.verify(token)).isInstanceOfSatisfying(AuthorizationCheck.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("signature does not match"));
    }

    @Test
    void refusesAnyChangeToTheToken() {
        String token = authorizations.sign(grant);
        assertThat(authorizations.verify(FakeAuthorizations.tampered(token))).isInstanceOf(AuthorizationCheck.Invalid.class);
        String flipped = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + token.charAt(token.length() - 1);
        assertThat(authorizations.verify(flipped)).isInstanceOf(AuthorizationCheck.Invalid.class);
        assertThat(authorizations.verify(token + "x")).isInstanceOf(AuthorizationCheck.Invalid.class);
    }

    @Test
    void refusesMalformedTokensWithoutThrowing() {
        assertThat(authorizations.verify("")).isInstanceOf(AuthorizationCheck.Invalid.class);
        assertThat(authorizations.verify(null)).isInstanceOf(AuthorizationCheck.Invalid.class);
        assertThat(authorizations.verify("sosops-auth.v1.")).isInstanceOf(AuthorizationCheck.Invalid.class);
        assertThat(authorizations.verify("sosops-auth.v1.abc.%%%")).isInstanceOf(AuthorizationCheck.Invalid.class);
        assertThat(authorizations.verify("x".repeat(5000))).isInstanceOf(AuthorizationCheck.Invalid.class);
    }

    @Test
    void refusesToBuildAnAuthorizationThatCannotBeRight() {
        Instant now = Instant.parse("2026-11-22T09:00:00Z");
        assertThatThrownBy(() -> new StaffAuthorization("a", "s", "l", AppEnv.PROD, 0, now, now.plusSeconds(1),
                DataLabel.TEST_DATA)).hasMessageContaining("maxRecipients");
        assertThatThrownBy(() -> new StaffAuthorization("a", "s", "l", AppEnv.PROD, 1, now, now, DataLabel.TEST_DATA))
                .hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> new StaffAuthorization("a", "s\nforged", "l", AppEnv.PROD, 1, now, now.plusSeconds(1),
                DataLabel.TEST_DATA)).hasMessageContaining("control characters");
    }

    @Test
    void neverShowsItsKey() {
        assertThat(authorizations.toString()).doesNotContain(secret.reveal());
    }
}
