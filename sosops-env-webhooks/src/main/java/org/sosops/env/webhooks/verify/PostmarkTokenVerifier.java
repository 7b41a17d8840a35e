package org.sosops.env.webhooks.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * Postmark webhooks carry no signature, so the shared token is the credential: the basic-auth
 * password of the webhook URL ({@code https://user:TOKEN@host/...}) or a custom header, compared
 * in constant time, optionally with an allowlist of source ranges.
 *
 * <pre>{@code
 * WebhookVerifier postmark = PostmarkTokenVerifier.withToken(policy.secret("EMAIL_WEBHOOK_SIGNING_SECRET").orElseThrow())
 *         .allowing(SourceAllowlist.parse("3.134.147.250/32 50.31.156.0/24"));
 * }</pre>
 */
public final class PostmarkTokenVerifier implements WebhookVerifier {
    public static final String PROVIDER = "postmark";
    public static final String DEFAULT_TOKEN_HEADER = "X-Webhook-Token";

    private final byte[] token;
    private final String tokenHeader;
    private final SourceAllowlist allowlist;

    private PostmarkTokenVerifier(byte[] token, String tokenHeader, SourceAllowlist allowlist) {
        this.token = token;
        this.tokenHeader = tokenHeader;
        this.allowlist = allowlist;
    }

    public static PostmarkTokenVerifier withToken(Secret token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("the Postmark webhook token is blank");
        }
        return new PostmarkTokenVerifier(token.bytes(), DEFAULT_TOKEN_HEADER, SourceAllowlist.any());
    }

    /** The same token accepted from another header instead of {@value #DEFAULT_TOKEN_HEADER}. */
    public PostmarkTokenVerifier tokenHeader(String header) {
        return new PostmarkTokenVerifier(token, Objects.requireNonNull(header), allowlist);
    }

    /** Also require the source address to fall in these ranges. */
    public PostmarkTokenVerifier allowing(SourceAllowlist sources) {
        return new PostmarkTokenVerifier(token, tokenHeader, Objects.requireNonNull(sources));
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        if (!allowlist.allows(request.sourceAddress())) {
            return Verification.rejected(PROVIDER, RejectReason.SOURCE_NOT_ALLOWED,
                    "the source address is outside the Postmark allowlist");
        }
        List<String> authorization = request.headerValues("Authorization");
        List<String> header = request.headerValues(tokenHeader);
        if (authorization.size() + header.size() == 0) {
            return Verification.rejected(PROVIDER, RejectReason.MISSING_TOKEN,
                    "neither basic-auth credentials nor a " + tokenHeader + " header");
        }
        if (authorization.size() > 1 || header.size() > 1) {
            return Verification.rejected(PROVIDER, RejectReason.DUPLICATE_SIGNATURE, "repeated credential headers");
        }
        byte[] presented;
        if (!header.isEmpty()) {
            presented = header.get(0).strip().getBytes(StandardCharsets.UTF_8);
        } else {
            presented = basicAuthPassword(authorization.get(0));
            if (presented == null) {
                return Verification.rejected(PROVIDER, RejectReason.MALFORMED_SIGNATURE,
                        "the Authorization header is not basic-auth credentials");
            }
        }
        if (!MessageDigest.isEqual(presented, token)) {
            return Verification.rejected(PROVIDER, RejectReason.TOKEN_MISMATCH, "the token does not match");
        }
        return Verification.verified(PROVIDER);
    }

    private static byte[] basicAuthPassword(String authorization) {
        String value = authorization.strip();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Postmark's token is a shared secret, so a stored copy never holds it and cannot be checked
     * against it: the stored copy is re-verified by its source address only, which needs the source
     * allowlist; without one nothing can be re-verified.
     */
    @Override
    public Verification reverify(WebhookRequest storedCopy, java.time.Instant receivedAt) {
        if (allowlist.isAny()) {
            return Verification.rejected(PROVIDER, RejectReason.MISSING_TOKEN, "the Postmark token is never stored, and "
                    + "without a source allowlist a stored request cannot be re-verified by its source");
        }
        if (!allowlist.allows(storedCopy.sourceAddress())) {
            return Verification.rejected(PROVIDER, RejectReason.SOURCE_NOT_ALLOWED,
                    "the stored source address is outside the Postmark allowlist");
        }
        return Verification.verified(PROVIDER);
    }

    @Override
    public String toString() {
        return "PostmarkTokenVerifier[token ***, header " + tokenHeader + ", sources " + allowlist + "]";
    }
}
