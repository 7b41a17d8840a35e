package org.sosops.env.core.hygiene;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key formats of the providers the platform uses (and a few that commonly leak), each with a
 * literal {@link #anchor()} that must occur before the regular expression is worth running.
 *
 * <pre>{@code
 * Optional<ProviderPattern.Match> m = ProviderPattern.SENDGRID_API_KEY.find(line);
 * }</pre>
 */
public enum ProviderPattern {
    SENDGRID_API_KEY("sendgrid-api-key", "SendGrid API key", "SG.",
            "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
    VERCEL_BLOB_TOKEN("vercel-blob-token", "Vercel Blob read-write token", "vercel_blob_rw_",
            "vercel_blob_rw_[A-Za-z0-9]{8,}_[A-Za-z0-9]{16,}"),
    PRIVATE_KEY("private-key", "private key block", "PRIVATE KEY",
            "-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----"),
    AWS_ACCESS_KEY("aws-access-key", "AWS access key id", "AKIA",
            "(?<![A-Z0-9])AKIA[0-9A-Z]{16}(?![A-Z0-9])"),
    GITHUB_TOKEN("github-token", "GitHub token", "ghp_",
            "ghp_[A-Za-z0-9]{36}"),
    GITHUB_FINE_GRAINED_TOKEN("github-token", "GitHub token", "github_pat_",
            "github_pat_[A-Za-z0-9_]{60,}"),
    SLACK_TOKEN("slack-token", "Slack token", "xox",
            "xox[abposr]-[A-Za-z0-9-]{10,}"),
    STRIPE_LIVE_KEY("stripe-live-key", "Stripe live key", "k_live_",
            "[rs]k_live_[A-Za-z0-9]{20,}");

    private final String id;
    private final String description;
    private final String anchor;
    private final Pattern pattern;

    ProviderPattern(String id, String description, String anchor, String regex) {
        this.id = id;
        this.description = description;
        this.anchor = anchor;
        this.pattern = Pattern.compile(regex);
    }

    /** A stable short name, used in baselines. */
    public String id() {
        return id;
    }

    /** What people call it, for messages. */
    public String description() {
        return description;
    }

    /** A literal every match contains: the cheap pre-filter before the regular expression. */
    public String anchor() {
        return anchor;
    }

    /** The first real-looking match in {@code text} (templates such as {@code SG.xxxx…} do not count). */
    public Optional<Match> find(CharSequence text) {
        return find(text, 0, text.length());
    }

    public Optional<Match> find(CharSequence text, int from, int to) {
        Matcher matcher = pattern.matcher(text).region(from, to);
        while (matcher.find()) {
            String token = matcher.group();
            if (this == PRIVATE_KEY || Likeness.looksRealToken(token)) {
                return Optional.of(new Match(this, matcher.start(), matcher.end()));
            }
        }
        return Optional.empty();
    }

    /** The first real-looking match of any provider pattern. */
    public static Optional<Match> findAny(CharSequence text) {
        for (ProviderPattern pattern : values()) {
            Optional<Match> match = pattern.find(text);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    /** Where a pattern matched; the matched text itself is the caller's to keep secret. */
    public record Match(ProviderPattern pattern, int start, int end) {
    }
}
