package org.sosops.env.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderTest {
    @Test
    void aProviderPrintsAsItsId() {
        assertThat(Provider.TWILIO.toString()).isEqualTo("twilio");
        assertThat(Provider.fromId(" SendGrid ")).contains(Provider.SENDGRID);
    }

    @Test
    void anUnknownEntryIsQuotedPrintableAndAtMost24Characters() {
        assertThatThrownBy(() -> Provider.parseList("twilio, abcdefghijklmnopqrstuvwx"))
                .hasMessage("'abcdefghijklmnopqrstuvwx' is not a provider; use twilio, sendgrid, postmark, upstash, blob or none");
        assertThatThrownBy(() -> Provider.parseList("abcdefghijklmnopqrstuvwxy"))
                .hasMessageStartingWith("'abcdefghijklmnopqrstuvwx…' is not a provider");
        assertThatThrownBy(() -> Provider.parseList("sms\u0007"))
                .hasMessageStartingWith("'sms?' is not a provider");
    }
}
