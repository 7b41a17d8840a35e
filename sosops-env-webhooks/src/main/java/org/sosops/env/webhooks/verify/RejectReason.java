package org.sosops.env.webhooks.verify;

/** Why a webhook was refused, with the HTTP status docs/webhooks.md gives it. */
public enum RejectReason {
    MISSING_SIGNATURE("missing-signature", 403),
    DUPLICATE_SIGNATURE("duplicate-signature", 400),
    MALFORMED_SIGNATURE("malformed-signature", 403),
    SIGNATURE_MISMATCH("signature-mismatch", 403),
    MISSING_TOKEN("missing-token", 403),
    TOKEN_MISMATCH("token-mismatch", 403),
    MISSING_TIMESTAMP("missing-timestamp", 400),
    TIMESTAMP_OUT_OF_WINDOW("timestamp-out-of-window", 403),
    BODY_HASH_MISMATCH("body-hash-mismatch", 403),
    BODY_TOO_LARGE("body-too-large", 400),
    MALFORMED_BODY("malformed-body", 400),
    UNSUPPORTED_CONTENT_TYPE("unsupported-content-type", 400),
    SOURCE_NOT_ALLOWED("source-not-allowed", 403),
    VERIFIER_ERROR("verifier-error", 403);

    private final String id;
    private final int status;

    RejectReason(String id, int status) {
        this.id = id;
        this.status = status;
    }

    /** The stable id used in logs, failure records and JSON, e.g. {@code signature-mismatch}. */
    public String id() {
        return id;
    }

    /** 400 for malformed requests, 403 for missing or bad credentials. */
    public int httpStatus() {
        return status;
    }
}
