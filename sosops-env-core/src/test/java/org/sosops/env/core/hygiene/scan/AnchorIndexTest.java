package org.sosops.env.core.hygiene.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass pre-filter finds exactly what one {@code indexOf} per anchor would. */
class AnchorIndexTest {
    private static final String[] CASE_SENSITIVE = {"SG.", "vercel_blob_rw_", "PRIVATE KEY", "AKIA", "ghp_",
            "github_pat_", "xox", "k_live_", "://"};
    private static final String[] ANY_CASE = {"secret", "token", "api"};

    @Test
    void findsEveryAnchorOccurrenceLikeIndexOfWouldIncludingAtTheEdges() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 300; round++) {
            String text = randomText(random);
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            List<String> found = new ArrayList<>();
            AnchorIndex.scan(bytes, (anchor, at) -> found.add(anchor.text() + "@" + at));

            assertThat(found).as(text).containsExactlyInAnyOrderElementsOf(expected(text));
        }
    }

    private static List<String> expected(String text) {
        List<String> hits = new ArrayList<>();
        for (String anchor : CASE_SENSITIVE) {
            for (int i = text.indexOf(anchor); i >= 0; i = text.indexOf(anchor, i + 1)) {
                hits.add(anchor + "@" + i);
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String anchor : ANY_CASE) {
            for (int i = lower.indexOf(anchor); i >= 0; i = lower.indexOf(anchor, i + 1)) {
                hits.add(anchor + "@" + i);
            }
        }
        return hits;
    }

    private static String randomText(SplittableRandom random) {
        String alphabet = "aAsStTpPiIkKgGxXoO:/._-SG eEcCrRnN\n";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(0, 120);
        while (text.length() < length) {
            if (random.nextInt(6) == 0) {
                String anchor = random.nextBoolean() ? CASE_SENSITIVE[random.nextInt(CASE_SENSITIVE.length)]
                        : mixCase(ANY_CASE[random.nextInt(ANY_CASE.length)], random);
                text.append(anchor);
            } else {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }

    private static String mixCase(String word, SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
