package org.sosops.env.core.recipients;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.secret.Secret;

/**
 * Signs and verifies {@link StaffAuthorization}s with a key derived from {@code AUTH_SECRET}
 * (HMAC-SHA256), so a client cannot forge or alter one. Thread-safe.
 *
 * <p>Token: {@code sosops-auth.v1.<base64url payload>.<base64url HMAC-SHA256 of the payload part>}.
 * The key is {@code HMAC-SHA256(AUTH_SECRET, "sosops-env staff-authorization v1")}, so tokens
 * cannot be confused with anything else the application signs with the same secret.
 *
 * <pre>{@code
 * StaffAuthorizations authorizations = StaffAuthorizations.withAuthSecret(policy.secret("AUTH_SECRET").orElseThrow());
 * String token = authorizations.sign(grant);
 * AuthorizationCheck check = authorizations.verify(token);
 * }</pre>
 */
public final class StaffAuthorizations {
    static final String PREFIX = "sosops-auth.v1.";
    private static final byte[] KEY_CONTEXT = "sosops-env staff-authorization v1".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int FIELDS = 8;

    private final SecretKeySpec key;

    private StaffAuthorizations(SecretKeySpec key) {
        this.key = key;
    }

    public static StaffAuthorizations withAuthSecret(Secret authSecret) {
        Objects.requireNonNull(authSecret, "authSecret");
        if (authSecret.isBlank()) {
            throw new IllegalArgumentException("AUTH_SECRET is blank; staff authorizations cannot be signed or checked");
        }
        byte[] derived = hmac(new SecretKeySpec(authSecret.bytes(), "HmacSHA256"), KEY_CONTEXT);
        return new StaffAuthorizations(new SecretKeySpec(derived, "HmacSHA256"));
    }

    /** The signed token for this authorization. */
    public String sign(StaffAuthorization authorization) {
        String payload = String.join("\n", "v1", authorization.id(), authorization.staffMember(),
                authorization.listId(), authorization.environment().id(),
                Integer.toString(authorization.maxRecipients()), authorization.issuedAt().toString(),
                authorization.expiresAt().toString(), authorization.label().id());
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String signed = PREFIX + encoded;
        return signed + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(key, signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Checks the token's format and signature; never throws for bad input. */
    public AuthorizationCheck verify(String token) {
        if (token == null || token.isBlank()) {
            return new AuthorizationCheck.Invalid("the authorization token is empty");
        }
        if (token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            return new AuthorizationCheck.Invalid("the authorization token is not a sosops-auth.v1 token");
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            return new AuthorizationCheck.Invalid("the authorization token has no signature");
        }
        String signed = token.substring(0, dot);
        byte[] expected = hmac(key, signed.getBytes(StandardCharsets.US_ASCII));
        byte[] actual;
        try {
            actual = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new AuthorizationCheck.Invalid("the authorization token's signature is not base64url");
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            return new AuthorizationCheck.Invalid("the authorization token's signature does not match: it was "
                    + "altered, or signed with another environment's AUTH_SECRET");
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(signed.substring(PREFIX.length())),
                    StandardCharsets.UTF_8);
            String[] fields = payload.split("\n", -1);
            if (fields.length != FIELDS + 1 || !fields[0].equals("v1")) {
                return new AuthorizationCheck.Invalid("the authorization token's payload is malformed");
            }
            AppEnv environment = AppEnv.parse(fields[4]).orElseThrow(
                    () -> new IllegalArgumentException("unknown environment"));
            return new AuthorizationCheck.Valid(new StaffAuthorization(fields[1], fields[2], fields[3], environment,
                    Integer.parseInt(fields[5]), Instant.parse(fields[6]), Instant.parse(fields[7]),
                    DataLabel.fromId(fields[8])));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new AuthorizationCheck.Invalid("the authorization token's payload is malformed: " + e.getMessage());
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "StaffAuthorizations[key ***]";
    }
}
