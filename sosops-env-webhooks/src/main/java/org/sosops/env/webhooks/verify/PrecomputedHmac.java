package org.sosops.env.webhooks.verify;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC (RFC 2104) with the key's two padded blocks hashed once, when the key is prepared.
 *
 * <p>{@link javax.crypto.Mac} hashes the key's inner block again before every message and its outer
 * block again after it. For a Twilio callback (a few hundred bytes, seven SHA-1 blocks with the
 * padding) that is two of nine compressions. RFC 2104 section 4 describes keeping the hash states
 * after those blocks instead; here they are kept as two {@link MessageDigest}s and each message
 * starts from a copy. A copy costs a small allocation, far less than a compression.
 *
 * <p>Not thread-safe: one instance per thread, like a {@code Mac}.
 *
 * <pre>{@code
 * PrecomputedHmac hmac = PrecomputedHmac.sha1(key);
 * hmac.start();
 * hmac.update(url, 0, url.length);
 * hmac.finish(result);   // result.length >= hmac.length()
 * }</pre>
 */
final class PrecomputedHmac {
    private static final int BLOCK_LENGTH = 64; // SHA-1 and SHA-256
    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    private final MessageDigest keyedInner;
    private final MessageDigest keyedOuter;
    private final byte[] innerHash;
    private MessageDigest message;

    private PrecomputedHmac(String digestAlgorithm, byte[] key) {
        this.keyedInner = digest(digestAlgorithm);
        this.keyedOuter = digest(digestAlgorithm);
        byte[] block = Arrays.copyOf(key.length > BLOCK_LENGTH ? keyedInner.digest(key) : key, BLOCK_LENGTH);
        absorb(keyedInner, block, INNER_PAD);
        absorb(keyedOuter, block, OUTER_PAD);
        Arrays.fill(block, (byte) 0);
        this.innerHash = new byte[keyedInner.getDigestLength()];
    }

    /** HMAC-SHA1 under {@code key}, which may be of any length (longer than a block is hashed first). */
    static PrecomputedHmac sha1(byte[] key) {
        return new PrecomputedHmac("SHA-1", key);
    }

    /** The length of a result in bytes. */
    int length() {
        return innerHash.length;
    }

    /** Starts a new message; what an unfinished one was given is dropped. */
    void start() {
        message = copy(keyedInner);
    }

    void update(byte[] bytes, int offset, int length) {
        message.update(bytes, offset, length);
    }

    /** Writes the HMAC of the message into {@code out[0 .. length())}; the message is then finished. */
    void finish(byte[] out) {
        if (out.length < innerHash.length) {
            throw new IllegalArgumentException("the output holds fewer than " + innerHash.length + " bytes");
        }
        try {
            message.digest(innerHash, 0, innerHash.length);
            message = copy(keyedOuter);
            message.update(innerHash);
            message.digest(out, 0, innerHash.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a digest refused room for its own length", e);
        } finally {
            message = null;
        }
    }

    /** Hashes the key block XOR the pad; the padded copy is key material, so it is wiped. */
    private static void absorb(MessageDigest digest, byte[] block, byte pad) {
        byte[] padded = new byte[block.length];
        for (int i = 0; i < block.length; i++) {
            padded[i] = (byte) (block[i] ^ pad);
        }
        digest.update(padded);
        Arrays.fill(padded, (byte) 0);
    }

    private static MessageDigest copy(MessageDigest keyed) {
        try {
            return (MessageDigest) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's " + keyed.getAlgorithm() + " cannot be copied", e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            copy(digest); // refuse a provider whose digests cannot be copied now, not at the first message
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
