package org.sosops.env.referenceapp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.referenceapp.StartupException;
import org.sosops.env.referenceapp.http.Exchange;

/**
 * The bearer and session tokens the application accepts, configured by their SHA-256 digests so
 * that the configuration itself holds no usable credential:
 *
 * <pre>
 * SOSOPS_STAFF_TOKEN_HASHES=admin:sha256:9f86d0…,member:sha256:60303a…
 * # digest of a token:  printf %s "$TOKEN" | sha256sum
 * </pre>
 *
 * <p>A caller presents a token as {@code Authorization: Bearer TOKEN} or as the {@code session}
 * cookie. Only the digest of what was presented is ever compared or kept.
 *
 * <pre>{@code
 * StaffTokens tokens = StaffTokens.parse(policy.value(StaffTokens.VARIABLE).orElse(""));
 * Optional<Role> role = tokens.roleOf(exchange);
 * }</pre>
 */
public final class StaffTokens {
    public static final String VARIABLE = "SOSOPS_STAFF_TOKEN_HASHES";
    public static final String SESSION_COOKIE = "session";
    private static final String BEARER = "bearer ";
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, Role> rolesByDigest;

    private StaffTokens(Map<String, Role> rolesByDigest) {
        this.rolesByDigest = Map.copyOf(rolesByDigest);
    }

    /** No token is accepted: every protected endpoint answers 401. */
    public static StaffTokens none() {
        return new StaffTokens(Map.of());
    }

    /**
     * Parses {@code role:sha256:HEX} entries separated by commas; blank means none.
     *
     * @throws StartupException naming the variable and the entry's position, never its value
     */
    public static StaffTokens parse(String spec) throws StartupException {
        Map<String, Role> roles = new HashMap<>();
        String[] entries = spec.strip().isEmpty() ? new String[0] : spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].strip().split(":", -1);
            Optional<Role> role = parts.length == 3 ? Role.named(parts[0]) : Optional.empty();
            String digest = parts.length == 3 ? parts[2].strip().toLowerCase(Locale.ROOT) : "";
            if (role.isEmpty() || !parts[1].strip().equalsIgnoreCase("sha256") || !digest.matches("[0-9a-f]{64}")) {
                throw new StartupException(VARIABLE + ": entry " + (i + 1)
                        + " must be ROLE:sha256:HEX with ROLE admin or member and HEX the 64-character SHA-256 of the token");
            }
            roles.put(digest, role.get());
        }
        return new StaffTokens(roles);
    }

    /** The role of the token the caller presented, if it is one of ours. */
    public Optional<Role> roleOf(Exchange exchange) {
        return presentedToken(exchange).map(StaffTokens::digest).map(rolesByDigest::get);
    }

    /** Whether the caller presented any credential at all (a wrong one is a 401 all the same). */
    public static boolean presentsCredential(Exchange exchange) {
        return presentedToken(exchange).isPresent();
    }

    /** The hexadecimal SHA-256 of a token, the form this class is configured with. */
    public static String digest(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static Optional<String> presentedToken(Exchange exchange) {
        Optional<String> authorization = exchange.header("Authorization").map(String::strip);
        if (authorization.isPresent() && authorization.get().toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            String token = authorization.get().substring(BEARER.length()).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return exchange.header("Cookie").flatMap(StaffTokens::sessionCookie);
    }

    private static Optional<String> sessionCookie(String header) {
        for (String cookie : header.split(";")) {
            int eq = cookie.indexOf('=');
            if (eq > 0 && cookie.substring(0, eq).strip().equals(SESSION_COOKIE)) {
                String value = cookie.substring(eq + 1).strip();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
