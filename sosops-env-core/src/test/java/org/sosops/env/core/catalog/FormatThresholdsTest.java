package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.variables.Variables;

/** The length and randomness thresholds of the canonical formats, on both sides of each. */
class FormatThresholdsTest {
    private static Optional<FormatProblem> check(CanonicalVariable variable, String value, Map<String, String> others) {
        return variable.formatCheck().check(value, Optional.empty(), Variables.of(others));
    }

    @Test
    void aTwilioAuthTokenNeedsEightDistinctHexCharacters() {
        assertThat(check(CanonicalVariable.TWILIO_AUTH_TOKEN, "01234567".repeat(4), Map.of())).isEmpty();
        assertThat(check(CanonicalVariable.TWILIO_AUTH_TOKEN, "0123456".repeat(4) + "0123", Map.of())).get()
                .isEqualTo(FormatProblem.weak("has too little randomness (repeated or patterned characters)"));
    }

    @Test
    void aSharedWebhookTokenNeedsSixteenCharacters() {
        Map<String, String> postmark = Map.of("EMAIL_PROVIDER", "postmark");
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "Zr8vQ2kL9xT4mN7p", postmark)).isEmpty();
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "Zr8vQ2kL9xT4mN7", postmark)).get()
                .isEqualTo(FormatProblem.weak("is 15 characters long; a shared token needs at least 16"));
    }

    @Test
    void aLongPlaceholderIsStillAPlaceholderForTheWebhookSecret() {
        Map<String, String> postmark = Map.of("EMAIL_PROVIDER", "postmark");
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "your-shared-webhook-token", postmark)).get()
                .isEqualTo(FormatProblem.weak("is a placeholder, not a real secret"));
        assertThat(check(CanonicalVariable.EMAIL_WEBHOOK_SIGNING_SECRET, "<verification-key>",
                Map.of("EMAIL_PROVIDER", "sendgrid"))).get()
                .isEqualTo(FormatProblem.weak("is a placeholder, not a real secret"));
    }
}
