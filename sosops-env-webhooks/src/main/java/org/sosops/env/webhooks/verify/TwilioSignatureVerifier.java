package org.sosops.env.webhooks.verify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.FormBody;
import org.sosops.env.webhooks.request.WebhookRequest;

/**
 * Twilio's {@code X-Twilio-Signature}: base64 HMAC-SHA1, keyed by the auth token, over the public
 * URL of the request followed by every form parameter sorted by name (repeated parameters
 * included), or, for JSON callbacks, over the URL alone with the body bound by its
 * {@code bodySHA256} query parameter.
 *
 * <p>The public URL is built from the configured base ({@code APP_URL}: scheme, host and port)
 * plus the request's path and raw query, never from the {@code Host} header, which proxies and
 * tunnels rewrite. Exactly the URL variants Twilio's own helper libraries accept are accepted,
 * because Twilio's signing of ports is inconsistent: the URL as configured, the same URL with its
 * port removed, and, when it has no port, with the scheme's default port added. The configured URL
 * is tried first, so a mismatch alone pays for the second HMAC.
 *
 * <p>Each thread keeps its own HMAC state for the token (made on its first verification, with
 * the token's padded blocks already hashed: see {@link PrecomputedHmac}) and its own buffers. The
 * signed string is never assembled: the HMAC is fed the URL, then the form's sorted parameters,
 * which the shared {@link FormBody} parser laid out in signing order when it parsed the body. So a
 * typical callback costs one HMAC, without the two key blocks {@link javax.crypto.Mac} would hash
 * again, and allocates only the two copies of the prepared hash states.
 *
 * <pre>{@code
 * WebhookVerifier twilio = TwilioSignatureVerifier.withAuthToken(
 *         policy.secret("TWILIO_AUTH_TOKEN").orElseThrow(), URI.create(policy.value("APP_URL").orElseThrow()));
 * }</pre>
 */
public final class TwilioSignatureVerifier implements WebhookVerifier {
    public static final String PROVIDER = "twilio";
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final int SHA1_LENGTH = 20;
    private static final int BASE64_SHA1_LENGTH = 28;
    private static final String SIGNATURE_KEY = "x-twilio-signature";
    private static final Verification VERIFIED = Verification.verified(PROVIDER);

    private final Secret authToken;
    private final byte[] configuredBase;
    private final byte[] portVariantBase;
    private final ThreadLocal<ThreadSigner> signers;

    private TwilioSignatureVerifier(Secret authToken, URI publicBaseUrl, boolean portVariants) {
        Objects.requireNonNull(authToken, "authToken");
        String scheme = Optional.ofNullable(publicBaseUrl.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || publicBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("the public base URL must be an absolute http(s) URL (APP_URL), got a "
                    + (scheme.isEmpty() ? "relative URL" : scheme + " URL"));
        }
        if (authToken.isBlank()) {
            throw new IllegalArgumentException("the Twilio auth token is blank");
        }
        String host = publicBaseUrl.getRawAuthority().replaceFirst("^.*@", "");
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String hostOnly = publicBaseUrl.getPort() < 0 ? host : host.substring(0, host.lastIndexOf(':'));
        String stated = scheme + "://" + host;
        // Exactly the variants Twilio's helper libraries accept: the URL as configured, plus the
        // scheme's default port added when it has no port, or its port (any port) removed.
        String alternate = publicBaseUrl.getPort() < 0
                ? scheme + "://" + hostOnly + ":" + defaultPort
                : scheme + "://" + hostOnly;
        this.configuredBase = stated.getBytes(StandardCharsets.UTF_8);
        this.portVariantBase = portVariants ? alternate.getBytes(StandardCharsets.UTF_8) : null;
        this.authToken = authToken;
        this.signers = ThreadLocal.withInitial(() -> new ThreadSigner(newHmac()));
    }

    /**
     * A verifier for one Twilio account.
     *
     * @param authToken     {@code TWILIO_AUTH_TOKEN}
     * @param publicBaseUrl {@code APP_URL}; its scheme, host and port are used, its path is not
     */
    public static TwilioSignatureVerifier withAuthToken(Secret authToken, URI publicBaseUrl) {
        return new TwilioSignatureVerifier(authToken, publicBaseUrl, true);
    }

    /**
     * A verifier that accepts the URL exactly as given, without the port variants: for the
     * diagnosis, which must name the one URL a signature was made for.
     */
    static TwilioSignatureVerifier exactUrl(Secret authToken, URI publicBaseUrl) {
        return new TwilioSignatureVerifier(authToken, publicBaseUrl, false);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        try {
            return check(request);
        } catch (RuntimeException e) {
            return Verification.rejected(PROVIDER, RejectReason.VERIFIER_ERROR,
                    "the request could not be checked (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Verification check(WebhookRequest request) {
        List<String> headers = request.headerValues(SIGNATURE_KEY);
        if (headers.isEmpty()) {
            return Verification.rejected(PROVIDER, RejectReason.MISSING_SIGNATURE, "no " + SIGNATURE_HEADER + " header");
        }
        if (headers.size() > 1) {
            return Verification.rejected(PROVIDER, RejectReason.DUPLICATE_SIGNATURE,
                    headers.size() + " " + SIGNATURE_HEADER + " headers; exactly one is allowed");
        }
        ThreadSigner signer = signers.get();
        if (!signer.readClaimedSignature(headers.get(0))) {
            return Verification.rejected(PROVIDER, RejectReason.MALFORMED_SIGNATURE,
                    SIGNATURE_HEADER + " is not the base64 of a 20-byte HMAC-SHA1");
        }
        TwilioSignedContent content = TwilioSignedContent.of(request);
        if (content instanceof TwilioSignedContent.Refused refused) {
            return Verification.rejected(PROVIDER, refused.reason(), refused.detail());
        }
        FormBody form = content instanceof TwilioSignedContent.Form f ? f.body() : null;
        boolean matches = signer.signatureMatches(configuredBase, request, form)
                || portVariantBase != null && signer.signatureMatches(portVariantBase, request, form);
        if (!matches) {
            return Verification.rejected(PROVIDER, RejectReason.SIGNATURE_MISMATCH,
                    "the signature does not match the public URL " + new String(configuredBase, StandardCharsets.UTF_8)
                            + request.path() + (request.rawQuery().isEmpty() ? "" : "?...") + " and the body");
        }
        if (content instanceof TwilioSignedContent.BodyBound bound) {
            byte[] actual = HexFormat.of().formatHex(sha256(request.body())).getBytes(StandardCharsets.US_ASCII);
            byte[] claimed = bound.claimedSha256Hex().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(actual, claimed)) {
                return Verification.rejected(PROVIDER, RejectReason.BODY_HASH_MISMATCH,
                        "the body does not match the signed bodySHA256");
            }
        }
        return VERIFIED;
    }

    /**
     * A thread's HMAC state, made on its first verification rather than with the verifier: the
     * first digest of a JVM sets up the security providers, and {@code sosops-env check} builds a
     * verifier only to validate the configuration.
     */
    private PrecomputedHmac newHmac() {
        byte[] key = authToken.bytes();
        try {
            return PrecomputedHmac.sha1(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The percent-decoded value of one query parameter. */
    static Optional<String> queryParameter(String rawQuery, String name) {
        return TwilioSignedContent.queryParameter(rawQuery, name);
    }

    @Override
    public String toString() {
        return "TwilioSignatureVerifier[" + new String(configuredBase, StandardCharsets.UTF_8) + ", token ***]";
    }

    /**
     * One thread's signing state, reused by every verification on that thread: the prepared HMAC,
     * the claimed signature (decoded once), the computed one and the public URL as bytes. The
     * signed string is never assembled: the HMAC is fed the URL, then the form's sorted parameters
     * where the parser keeps them.
     */
    private static final class ThreadSigner {
        private final PrecomputedHmac hmac;
        private final FormBody.ByteSink toHmac;
        private final byte[] claimedBase64 = new byte[BASE64_SHA1_LENGTH];
        private final byte[] claimed = new byte[SHA1_LENGTH];
        private final byte[] computed = new byte[SHA1_LENGTH];
        private byte[] url = new byte[512];
        private int urlLength;

        ThreadSigner(PrecomputedHmac hmac) {
            this.hmac = hmac;
            this.toHmac = hmac::update;
        }

        /**
         * Whether the claimed signature is the HMAC of the public URL on this base followed by the
         * form's sorted parameters (when there is a form).
         */
        boolean signatureMatches(byte[] base, WebhookRequest request, FormBody formOrNull) {
            readUrl(base, request);
            hmac.start();   // a verification cut short never leaks into the next
            hmac.update(url, 0, urlLength);
            if (formOrNull != null) {
                formOrNull.writeSortedDistinctTo(toHmac);
            }
            hmac.finish(computed);
            return MessageDigest.isEqual(computed, claimed);
        }

        /**
         * Writes the public URL into {@link #url}: the base (scheme, host, port), the path, then
         * {@code ?} and the raw query when there is one, as UTF-8.
         */
        private void readUrl(byte[] base, WebhookRequest request) {
            urlLength = 0;
            appendBytes(base);
            append(request.path());
            Optional<String> query = request.rawQuery();
            if (query.isPresent()) {
                append("?");
                append(query.get());
            }
        }

        /**
         * Decodes the signature header, once, into {@link #claimed}; false when it is not
         * the base64 of exactly 20 bytes (a longer value overflows {@code claimed} and is refused).
         */
        boolean readClaimedSignature(String header) {
            String text = header.strip();
            if (text.length() != BASE64_SHA1_LENGTH) {
                return false;
            }
            for (int i = 0; i < BASE64_SHA1_LENGTH; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                claimedBase64[i] = (byte) c;
            }
            try {
                return Base64.getDecoder().decode(claimedBase64, claimed) == SHA1_LENGTH;
            } catch (IllegalArgumentException notBase64OrTooLong) {
                return false;
            }
        }

        /** Appends text as UTF-8; a path and query are ASCII (percent-encoded), so that is the fast case. */
        private void append(String text) {
            int n = text.length();
            ensureRoom(n);
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    appendBytes(text.substring(i).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                url[urlLength++] = (byte) c;
            }
        }

        private void appendBytes(byte[] bytes) {
            ensureRoom(bytes.length);
            System.arraycopy(bytes, 0, url, urlLength, bytes.length);
            urlLength += bytes.length;
        }

        private void ensureRoom(int more) {
            if (urlLength + more > url.length) {
                url = Arrays.copyOf(url, Math.max(urlLength + more, url.length * 2));
            }
        }
    }
}
