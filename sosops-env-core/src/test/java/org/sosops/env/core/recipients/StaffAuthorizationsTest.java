package org.sosops.env.core.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;

class StaffAuthorizationsTest {
    private final Secret secret = Secret.of("mX2kP9vQ7rT4wZ8yB3nC6dF1gH5jL0sA");
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
    void signsTheSameAuthorizationAlikeWithTheSameSecret() {
        assertThat(StaffAuthorizations.withAuthSecret(Secret.of(secret.reveal())).sign(grant))
                .isEqualTo(authorizations.sign(grant));
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        String token = StaffAuthorizations.withAuthSecret(Secret.of("another-environments-secret-0123456789")).sign(grant);
        assertThat(authorizations.verify(token)).isInstanceOfSatisfying(AuthorizationCheck.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("signature does not match"));
    }

    @Test
    void refusesAnyChangeToTheToken() {
        String token = authorizations.sign(grant);
        assertThat(authorizations.verify(withPayload(token, payload(token).replace("\n500\n", "\n500000\n"))))
                .isInstanceOfSatisfying(AuthorizationCheck.Invalid.class,
                        invalid -> assertThat(invalid.reason()).contains("signature does not match"));
        String flipped = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + token.charAt(token.length() - 1);
        assertThat(authorizations.verify(flipped)).isInstanceOf(AuthorizationCheck.Invalid.class);
        assertThat(authorizations.verify(token + "x")).isInstanceOf(AuthorizationCheck.Invalid.class);
    }

    @Test
    void refusesMalformedTokensWithoutThrowingAndSaysWhatIsWrong() {
        assertThat(reason("")).contains("token is empty");
        assertThat(reason(" ")).contains("token is empty");
        assertThat(reason(null)).contains("token is empty");
        assertThat(reason("Bearer let-me-in")).contains("not a sosops-auth.v1 token");
        assertThat(reason("sosops-auth.v1.")).contains("no signature");
        assertThat(reason("sosops-auth.v1.abc")).contains("no signature");
        assertThat(reason("sosops-auth.v1..c2lnbmF0dXJl")).contains("no signature");
        assertThat(reason("sosops-auth.v1.abc.%%%")).contains("not base64url");
        assertThat(reason("sosops-auth.v1." + "x".repeat(5000))).contains("not a sosops-auth.v1 token");
    }

    @Test
    void acceptsATokenOfExactlyTheLongestLengthAndRefusesOneCharacterMore() {
        String longId = "i".repeat(200);
        String longStaff = "s".repeat(200);
        String longList = "l".repeat(200);
        StaffAuthorization big = new StaffAuthorization(longId, longStaff, longList, AppEnv.PROD, 1,
                grant.issuedAt(), grant.expiresAt(), DataLabel.TEST_DATA);
        String token = authorizations.sign(big);
        assertThat(token.length()).isLessThan(4096);
        assertThat(authorizations.verify(token)).isInstanceOf(AuthorizationCheck.Valid.class);
        assertThat(reason("sosops-auth.v1." + "x".repeat(4096 - 15))).contains("no signature");
        assertThat(reason("sosops-auth.v1." + "x".repeat(4096 - 14))).contains("not a sosops-auth.v1 token");
    }

    @Test
    void refusesACorrectlySignedPayloadThatIsNotAnAuthorization() {
        assertThat(reason(signed("v1\nonly\nthree"))).contains("payload is malformed");
        assertThat(reason(signed("v2\na\nb\nc\nprod\n1\n2026-11-22T09:00:00Z\n2026-11-22T13:00:00Z\ntest-data")))
                .contains("payload is malformed");
        assertThat(reason(signed("v1\na\nb\nc\nmars\n1\n2026-11-22T09:00:00Z\n2026-11-22T13:00:00Z\ntest-data")))
                .contains("payload is malformed: unknown environment");
        assertThat(reason(signed("v1\na\nb\nc\nprod\nmany\n2026-11-22T09:00:00Z\n2026-11-22T13:00:00Z\ntest-data")))
                .contains("payload is malformed");
        assertThat(reason(signed("v1\na\nb\nc\nprod\n1\nyesterday\n2026-11-22T13:00:00Z\ntest-data")))
                .contains("payload is malformed");
        assertThat(reason(signed("v1\na\nb\nc\nprod\n1\n2026-11-22T09:00:00Z\n2026-11-22T13:00:00Z\nreal-data")))
                .contains("unknown data label 'real-data'");
    }

    @Test
    void refusesToBuildAnAuthorizationThatCannotBeRight() {
        Instant now = Instant.parse("2026-11-22T09:00:00Z");
        assertThatThrownBy(() -> new StaffAuthorization("a", "s", "l", AppEnv.PROD, 0, now, now.plusSeconds(1),
                DataLabel.TEST_DATA)).hasMessageContaining("maxRecipients");
        assertThat(new StaffAuthorization("a", "s", "l", AppEnv.PROD, 1, now, now.plusSeconds(1), DataLabel.TEST_DATA)
                .maxRecipients()).isEqualTo(1);
        assertThatThrownBy(() -> new StaffAuthorization("a", "s", "l", AppEnv.PROD, 1, now, now, DataLabel.TEST_DATA))
                .hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> new StaffAuthorization("a", "s\nforged", "l", AppEnv.PROD, 1, now, now.plusSeconds(1),
                DataLabel.TEST_DATA)).hasMessageContaining("staffMember must not contain control characters");
        assertThatThrownBy(() -> new StaffAuthorization(" ", "s", "l", AppEnv.PROD, 1, now, now.plusSeconds(1),
                DataLabel.TEST_DATA)).hasMessage("id must be 1 to 200 characters");
        assertThatThrownBy(() -> new StaffAuthorization("a", "s", "l".repeat(201), AppEnv.PROD, 1, now,
                now.plusSeconds(1), DataLabel.TEST_DATA)).hasMessage("listId must be 1 to 200 characters");
    }

    @Test
    void refusesABlankSecret() {
        assertThatThrownBy(() -> StaffAuthorizations.withAuthSecret(Secret.of("  ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUTH_SECRET is blank");
    }

    @Test
    void neverShowsItsKey() {
        assertThat(authorizations.toString()).isEqualTo("StaffAuthorizations[key ***]").doesNotContain(secret.reveal());
    }

    @Test
    void spellsItsLabelsAsTheTokensDo() {
        assertThat(DataLabel.TEST_DATA).hasToString("test-data");
        assertThat(DataLabel.fromId("authorized-real-data")).isEqualTo(DataLabel.AUTHORIZED_REAL_DATA);
    }

    private String reason(String token) {
        AuthorizationCheck check = authorizations.verify(token);
        assertThat(check).isInstanceOf(AuthorizationCheck.Invalid.class);
        return ((AuthorizationCheck.Invalid) check).reason();
    }

    /** A token for this payload, correctly signed: only the payload's content can make it invalid. */
    private String signed(String payload) {
        String rest = StaffAuthorizations.PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return resign(rest);
    }

    private String resign(String signedPart) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.bytes(), "HmacSHA256"));
            byte[] key = mac.doFinal("sosops-env staff-authorization v1".getBytes(StandardCharsets.UTF_8));
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return signedPart + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signedPart.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String payload(String token) {
        String[] parts = token.substring(StaffAuthorizations.PREFIX.length()).split("\\.");
        return new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    }

    /** The token with another payload and the old signature kept: what a tamperer would send. */
    private static String withPayload(String token, String payload) {
        int dot = token.lastIndexOf('.');
        return StaffAuthorizations.PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + token.substring(dot);
    }
}
