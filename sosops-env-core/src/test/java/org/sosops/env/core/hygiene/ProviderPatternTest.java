package org.sosops.env.core.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderPatternTest {
    static final String SENDGRID = "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";
    static final String AWS = "AKIAZ7Q3M5N8P2R4T6V9";
    static final String GITHUB = "ghp_Zr8vQ2kL9xT4mN7pQ1wE3rT5yU7iO9pA2sD4";

    @Test
    void eachPatternFindsARealLookingKeyOfItsProvider() {
        assertFinds(ProviderPattern.SENDGRID_API_KEY, SENDGRID);
        assertFinds(ProviderPattern.VERCEL_BLOB_TOKEN, "vercel_blob_rw_Zr8vQ2kL_9xT4mN7pQ1wE3rT5yU");
        assertFinds(ProviderPattern.PRIVATE_KEY, "-----BEGIN RSA PRIVATE KEY-----");
        assertFinds(ProviderPattern.AWS_ACCESS_KEY, AWS);
        assertFinds(ProviderPattern.GITHUB_TOKEN, GITHUB);
        assertFinds(ProviderPattern.GITHUB_FINE_GRAINED_TOKEN,
                "github_pat_11AZr8vQ2kL9xT4mN7pQ1wE3rT5yU7iO9pA2sD4fG6hJ8kL0zX2cV4bN6mQ8wE1rT3yU5iO7p");
        assertFinds(ProviderPattern.SLACK_TOKEN, "xoxb-9081726354-Zr8vQ2kL9xT4");
        assertFinds(ProviderPattern.STRIPE_LIVE_KEY, "sk_live_Zr8vQ2kL9xT4mN7pQ1wE3rT5");
    }

    private static void assertFinds(ProviderPattern pattern, String key) {
        String text = "key = \"" + key + "\";";
        Optional<ProviderPattern.Match> match = pattern.find(text);
        assertThat(match).as(pattern.name()).isPresent();
        assertThat(match.get().pattern()).isEqualTo(pattern);
        assertThat(text.substring(match.get().start(), match.get().end())).isEqualTo(key);
        assertThat(text).contains(pattern.anchor());
    }

    @Test
    void namesAreStableAndDescriptionsReadable() {
        assertThat(ProviderPattern.SENDGRID_API_KEY.id()).isEqualTo("sendgrid-api-key");
        assertThat(ProviderPattern.SENDGRID_API_KEY.description()).isEqualTo("SendGrid API key");
        assertThat(ProviderPattern.AWS_ACCESS_KEY.anchor()).isEqualTo("AKIA");
        assertThat(ProviderPattern.GITHUB_FINE_GRAINED_TOKEN.id()).isEqualTo(ProviderPattern.GITHUB_TOKEN.id());
    }

    @Test
    void aTemplateOfTheRightShapeIsSkippedAndTheNextRealMatchFound() {
        String template = "ghp_" + "a".repeat(36);   // 5 distinct characters, "ghp_" included
        String text = template + " " + GITHUB;

        ProviderPattern.Match match = ProviderPattern.GITHUB_TOKEN.find(text).orElseThrow();

        assertThat(match.start()).isEqualTo(template.length() + 1);
        assertThat(ProviderPattern.GITHUB_TOKEN.find(template)).isEmpty();
    }

    @Test
    void aPrivateKeyHeaderCountsWithoutALikenessCheck() {
        assertThat(ProviderPattern.PRIVATE_KEY.find("-----BEGIN PRIVATE KEY-----")).isPresent();
        assertThat(ProviderPattern.PRIVATE_KEY.find("-----BEGIN PUBLIC KEY-----")).isEmpty();
    }

    @Test
    void anAwsKeyInsideALongerUpperCaseWordIsNotOne() {
        assertThat(ProviderPattern.AWS_ACCESS_KEY.find("X" + AWS)).isEmpty();
        assertThat(ProviderPattern.AWS_ACCESS_KEY.find(AWS + "X")).isEmpty();
    }

    @Test
    void aRegionLimitsTheSearch() {
        String text = "prefix " + GITHUB + " suffix";
        int start = text.indexOf("ghp_");

        assertThat(ProviderPattern.GITHUB_TOKEN.find(text, start, start + GITHUB.length())).isPresent();
        assertThat(ProviderPattern.GITHUB_TOKEN.find(text, start + 1, text.length())).isEmpty();
        assertThat(ProviderPattern.GITHUB_TOKEN.find(text, 0, start + GITHUB.length() - 1)).isEmpty();
    }

    @Test
    void findAnyReturnsTheFirstProviderThatMatches() {
        assertThat(ProviderPattern.findAny("nothing to see")).isEmpty();
        assertThat(ProviderPattern.findAny("a=" + AWS).orElseThrow().pattern()).isEqualTo(ProviderPattern.AWS_ACCESS_KEY);
        assertThat(ProviderPattern.findAny(GITHUB + " " + SENDGRID).orElseThrow().pattern())
                .isEqualTo(ProviderPattern.SENDGRID_API_KEY);
    }
}
