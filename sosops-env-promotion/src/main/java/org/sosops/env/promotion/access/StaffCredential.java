package org.sosops.env.promotion.access;

import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Objects;
import org.sosops.env.core.secret.Secret;

/**
 * How a staff caller proves who it is: a bearer token ({@code Authorization: Bearer TOKEN}) or a
 * session token sent as the {@code session} cookie ({@code Cookie: session=TOKEN}). Its
 * {@code toString()} names the kind only, never the token.
 *
 * <pre>{@code
 * StaffCredential admin = StaffCredential.bearer(Secret.of(System.getenv("LAUNCH_ADMIN_BEARER_TOKEN")));
 * }</pre>
 */
public record StaffCredential(Kind kind, Secret token) {
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "session";

    public StaffCredential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(token, "token");
    }

    /** Bearer token or session cookie. */
    public enum Kind {
        BEARER, SESSION;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static StaffCredential bearer(Secret token) {
        return new StaffCredential(Kind.BEARER, token);
    }

    public static StaffCredential session(Secret token) {
        return new StaffCredential(Kind.SESSION, token);
    }

    /** Adds the credential to a request. */
    public HttpRequest.Builder applyTo(HttpRequest.Builder request) {
        return kind == Kind.BEARER ? request.header("Authorization", "Bearer " + token.reveal())
                : request.header("Cookie", SESSION_COOKIE + "=" + token.reveal());
    }

    @Override
    public String toString() {
        return "StaffCredential[" + kind.id() + " ***]";
    }
}
