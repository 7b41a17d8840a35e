package org.sosops.env.springexample;

import org.sosops.env.servlet.WebhookGuardFilter;
import org.sosops.env.webhooks.WebhookGuards;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's callbacks. Only verified, first deliveries get here: the starter's filter has checked
 * the signature, the source's rate and the replay store, and answered everything else itself.
 */
@RestController
public class TwilioWebhookController {
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final MessageStatuses statuses;

    public TwilioWebhookController(MessageStatuses statuses) {
        this.statuses = statuses;
    }

    @PostMapping(path = WebhookGuards.TWILIO_STATUS, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public String status(@RequestParam("MessageSid") String messageSid, @RequestParam("MessageStatus") String status,
                         @RequestAttribute(WebhookGuardFilter.REQUEST_ID_ATTRIBUTE) String requestId) {
        statuses.record(messageSid, status, requestId);
        return "ok";
    }

    @PostMapping(path = WebhookGuards.TWILIO_INBOUND, produces = MediaType.TEXT_XML_VALUE)
    public String inbound(@RequestParam("From") String from, @RequestParam(name = "Body", defaultValue = "") String body) {
        return EMPTY_TWIML;
    }
}
