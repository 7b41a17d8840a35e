package org.sosops.env.webhooks.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fits an id into a store column: short printable-ASCII ids are kept as they are; longer ones, or
 * ones with any other character (a 400-character idempotency token, a NUL), become
 * {@code sha256:<hex>}. Never an error, so no id can make the store fail and the check say "new".
 */
final class StoredIds {
    static final int MAX_LENGTH = 200;

    private StoredIds() {
    }

    static String fit(String id) {
        if (id.length() <= MAX_LENGTH && isPlainAscii(id) && !id.startsWith("sha256:")) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static boolean isPlainAscii(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
