package org.sosops.env.webhooks.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PrecomputedHmacTest {

    @Test
    void matchesTheTestCasesOfRfc2202() {
        HexFormat hex = HexFormat.of();
        assertThat(hmac(hex.parseHex("0b".repeat(20)), ascii("Hi There")))
                .isEqualTo("b617318655057264e28bc0b6fb378c8ef146be00");
        assertThat(hmac(ascii("Jefe"), ascii("what do ya want for nothing?")))
                .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assertThat(hmac(hex.parseHex("aa".repeat(20)), hex.parseHex("dd".repeat(50))))
                .isEqualTo("125d7342b9ac11cd91a39af48aa17b4f63f175d3");
        assertThat(hmac(hex.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), hex.parseHex("cd".repeat(50))))
                .isEqualTo("4c9007f4026250c6bc8414f9bf50c86c2d7235da");
        // Keys longer than a block are hashed first.
        assertThat(hmac(hex.parseHex("aa".repeat(80)), ascii("Test Using Larger Than Block-Size Key - Hash Key First")))
                .isEqualTo("aa4ae5e15272d00e95705637ce8a3b55ed402112");
        assertThat(hmac(hex.parseHex("aa".repeat(80)),
                ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data")))
                .isEqualTo("e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
    }

    @Test
    void agreesWithThePlatformMacForKeysAndMessagesOfEveryLengthAroundABlock() throws Exception {
        SplittableRandom random = new SplittableRandom(2104);
        for (int keyLength = 1; keyLength <= 140; keyLength++) {
            byte[] key = bytes(random, keyLength);
            PrecomputedHmac ours = PrecomputedHmac.sha1(key);
            Mac platform = Mac.getInstance("HmacSHA1");
            platform.init(new SecretKeySpec(key, "HmacSHA1"));
            for (int messageLength : new int[] {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 400, 1_000}) {
                byte[] message = bytes(random, messageLength);
                assertThat(inSlices(ours, message, random)).as("key %d, message %d bytes", keyLength, messageLength)
                        .isEqualTo(platform.doFinal(message));
            }
        }
    }

    @Test
    void aMessageLeftUnfinishedDoesNotLeakIntoTheNext() throws Exception {
        byte[] key = ascii("0123456789abcdef0123456789abcdef");
        PrecomputedHmac ours = PrecomputedHmac.sha1(key);
        ours.start();
        ours.update(ascii("half a request"), 0, 6);
        byte[] message = ascii("https://ops.example.org/twilio/statusAccountSidAC1");
        ours.start();
        ours.update(message, 0, message.length);
        byte[] result = new byte[ours.length()];
        ours.finish(result);

        Mac platform = Mac.getInstance("HmacSHA1");
        platform.init(new SecretKeySpec(key, "HmacSHA1"));
        assertThat(result).isEqualTo(platform.doFinal(message));
        // And the same message twice gives the same answer: finishing leaves the prepared key as it was.
        ours.start();
        ours.update(message, 0, message.length);
        byte[] again = new byte[ours.length()];
        ours.finish(again);
        assertThat(again).isEqualTo(result);
    }

    @Test
    void refusesAnOutputTooShortAndAFinishWithoutAStart() {
        PrecomputedHmac ours = PrecomputedHmac.sha1(ascii("key"));
        ours.start();
        assertThatThrownBy(() -> ours.finish(new byte[19])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20 bytes");
        assertThatThrownBy(() -> PrecomputedHmac.sha1(ascii("key")).finish(new byte[20]))
                .isInstanceOf(NullPointerException.class);
    }

    private static String hmac(byte[] key, byte[] message) {
        PrecomputedHmac ours = PrecomputedHmac.sha1(key);
        byte[] result = new byte[ours.length()];
        ours.start();
        ours.update(message, 0, message.length);
        ours.finish(result);
        return HexFormat.of().formatHex(result);
    }

    /** Feeds the message in random slices, as the verifier feeds the URL and then the form. */
    private static byte[] inSlices(PrecomputedHmac hmac, byte[] message, SplittableRandom random) {
        hmac.start();
        int offset = 0;
        while (offset < message.length) {
            int slice = 1 + random.nextInt(message.length - offset);
            hmac.update(message, offset, slice);
            offset += slice;
        }
        byte[] result = new byte[hmac.length()];
        hmac.finish(result);
        return result;
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
