package org.sosops.env.core.hygiene.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sosops.env.core.hygiene.ProviderPattern;

/**
 * The literal pre-filter of {@link SourceScanner}: one pass over a file's bytes finds every
 * occurrence of every anchor (the provider prefixes, {@code ://}, and {@code secret}, {@code token},
 * {@code api} in any case, plus a word of each contributed secret name: {@link NameAnchors}). Each byte pair is looked up in a 64 Ki-bit table of the anchors' first
 * two bytes; only on a hit are the anchors starting with that pair compared. One pass instead of
 * one {@code indexOf} per anchor, and no lower-cased copy of the file.
 */
final class AnchorIndex {
    enum Kind { PROVIDER, URL, NAME }

    record Anchor(byte[] bytes, boolean ignoreCase, Kind kind, String text) {
    }

    /** Callback per anchor occurrence. */
    interface Sink {
        void found(Anchor anchor, int at);
    }

    private static final long[] FIRST_PAIRS = new long[1024];
    private static final Anchor[][] BY_PAIR = new Anchor[65536][];

    static {
        List<Anchor> anchors = new ArrayList<>();
        for (ProviderPattern pattern : ProviderPattern.values()) {
            anchors.add(anchor(pattern.anchor(), false, Kind.PROVIDER));
        }
        anchors.add(anchor("://", false, Kind.URL));
        for (String name : NameAnchors.ALL) {
            anchors.add(anchor(name, true, Kind.NAME));
        }
        for (Anchor anchor : anchors) {
            byte a = anchor.bytes[0];
            byte b = anchor.bytes[1];
            if (anchor.ignoreCase) {
                for (byte x : new byte[] {lower(a), upper(a)}) {
                    for (byte y : new byte[] {lower(b), upper(b)}) {
                        register(x, y, anchor);
                    }
                }
            } else {
                register(a, b, anchor);
            }
        }
    }

    private AnchorIndex() {
    }

    private static Anchor anchor(String text, boolean ignoreCase, Kind kind) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return new Anchor(ignoreCase ? lowerAll(bytes) : bytes, ignoreCase, kind, text);
    }

    private static void register(byte a, byte b, Anchor anchor) {
        int pair = ((a & 0xff) << 8) | (b & 0xff);
        FIRST_PAIRS[pair >>> 6] |= 1L << pair;
        Anchor[] existing = BY_PAIR[pair];
        if (existing == null) {
            BY_PAIR[pair] = new Anchor[] {anchor};
        } else if (!Arrays.asList(existing).contains(anchor)) {
            Anchor[] more = Arrays.copyOf(existing, existing.length + 1);
            more[existing.length] = anchor;
            BY_PAIR[pair] = more;
        }
    }

    /** Reports every anchor occurrence in {@code content}, in order. */
    static void scan(byte[] content, Sink sink) {
        int last = content.length - 1;
        for (int i = 0; i < last; i++) {
            int pair = ((content[i] & 0xff) << 8) | (content[i + 1] & 0xff);
            if ((FIRST_PAIRS[pair >>> 6] & (1L << pair)) != 0) {
                for (Anchor anchor : BY_PAIR[pair]) {
                    if (matchesAt(content, i, anchor)) {
                        sink.found(anchor, i);
                    }
                }
            }
        }
    }

    private static boolean matchesAt(byte[] content, int at, Anchor anchor) {
        byte[] needle = anchor.bytes;
        if (at + needle.length > content.length) {
            return false;
        }
        if (anchor.ignoreCase) {
            for (int j = 2; j < needle.length; j++) {
                if (lower(content[at + j]) != needle[j]) {
                    return false;
                }
            }
        } else {
            for (int j = 2; j < needle.length; j++) {
                if (content[at + j] != needle[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }

    private static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b & ~0x20) : b;
    }

    private static byte[] lowerAll(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = lower(out[i]);
        }
        return out;
    }
}
