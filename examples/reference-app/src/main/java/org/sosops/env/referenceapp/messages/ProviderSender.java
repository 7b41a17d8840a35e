package org.sosops.env.referenceapp.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.recipients.Channel;
import org.sosops.env.core.secret.Secret;

/**
 * The prod sender: SMS through Twilio's Messages API (one request per recipient, from the
 * messaging service), e-mail through SendGrid's or Postmark's send API, as {@code EMAIL_PROVIDER}
 * says. Credentials come from the canonical variables and stay {@link Secret}s; errors name the
 * provider and HTTP status only.
 *
 * <pre>{@code
 * MessageSender sender = ProviderSender.from(policy);
 * sender.send(new OutboundMessage(Channel.SMS, List.of("+15555550100"), Optional.empty(), "Polls open at 7"));
 * }</pre>
 */
public final class ProviderSender implements MessageSender {
    /** Overrides Twilio's API base URL (a regional edge, or a local fake in tests). */
    public static final String TWILIO_BASE_URL = "SOSOPS_TWILIO_API_BASE_URL";
    /** Overrides the e-mail provider's API base URL. */
    public static final String EMAIL_BASE_URL = "SOSOPS_EMAIL_API_BASE_URL";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String twilioBase;
    private final String accountSid;
    private final Secret twilioToken;
    private final String messagingServiceSid;
    private final String emailProvider;
    private final String emailBase;
    private final Secret emailKey;
    private final String fromName;
    private final String fromEmail;

    private ProviderSender(EnvironmentPolicy policy) {
        this.accountSid = required(policy, "TWILIO_ACCOUNT_SID");
        this.twilioToken = policy.secret("TWILIO_AUTH_TOKEN").orElseThrow(() -> missing("TWILIO_AUTH_TOKEN"));
        this.messagingServiceSid = required(policy, "TWILIO_MESSAGING_SERVICE_SID");
        this.emailProvider = required(policy, "EMAIL_PROVIDER");
        this.emailKey = policy.secret("EMAIL_API_KEY").orElseThrow(() -> missing("EMAIL_API_KEY"));
        this.fromName = required(policy, "EMAIL_FROM_NAME");
        this.fromEmail = required(policy, "EMAIL_FROM_EMAIL");
        this.twilioBase = stripSlash(policy.value(TWILIO_BASE_URL).orElse("https://api.twilio.com"));
        this.emailBase = stripSlash(policy.value(EMAIL_BASE_URL).orElse(
                emailProvider.equals("postmark") ? "https://api.postmarkapp.com" : "https://api.sendgrid.com"));
    }

    /** A sender with the prod credentials of the policy (the policy has validated them). */
    public static ProviderSender from(EnvironmentPolicy policy) {
        return new ProviderSender(Objects.requireNonNull(policy));
    }

    @Override
    public Receipt send(OutboundMessage message) throws SendFailedException {
        if (message.channel() == Channel.SMS) {
            for (String to : message.recipients()) {
                sendSms(to, message.body());
            }
        } else if (emailProvider.equals("postmark")) {
            for (String to : message.recipients()) {
                sendPostmark(to, message);
            }
        } else {
            sendSendGrid(message);
        }
        return new Receipt("sent", message.recipients().size());
    }

    private void sendSms(String to, String body) throws SendFailedException {
        String form = "MessagingServiceSid=" + encode(messagingServiceSid) + "&To=" + encode(to) + "&Body=" + encode(body);
        String basic = Base64.getEncoder().encodeToString((accountSid + ":" + twilioToken.reveal())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(twilioBase + "/2010-04-01/Accounts/" + accountSid
                        + "/Messages.json"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        expect2xx("Twilio", request);
    }

    private void sendSendGrid(OutboundMessage message) throws SendFailedException {
        ObjectNode mail = JSON.createObjectNode();
        ArrayNode personalizations = mail.putArray("personalizations");
        for (String to : message.recipients()) {
            // One personalization per recipient: nobody sees the others' addresses.
            personalizations.addObject().putArray("to").addObject().put("email", to);
        }
        mail.putObject("from").put("email", fromEmail).put("name", fromName);
        mail.put("subject", message.subject().orElse(""));
        mail.putArray("content").addObject().put("type", "text/plain").put("value", message.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(emailBase + "/v3/mail/send"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + emailKey.reveal())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mail.toString())).build();
        expect2xx("SendGrid", request);
    }

    private void sendPostmark(String to, OutboundMessage message) throws SendFailedException {
        ObjectNode mail = JSON.createObjectNode();
        mail.put("From", fromName + " <" + fromEmail + ">");
        mail.put("To", to);
        mail.put("Subject", message.subject().orElse(""));
        mail.put("TextBody", message.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(emailBase + "/email"))
                .timeout(Duration.ofSeconds(15))
                .header("X-Postmark-Server-Token", emailKey.reveal())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mail.toString())).build();
        expect2xx("Postmark", request);
    }

    private void expect2xx(String provider, HttpRequest request) throws SendFailedException {
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new SendFailedException(provider + " could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailedException(provider + " send interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new SendFailedException(provider + " refused the message with HTTP " + response.statusCode());
        }
    }

    private static String required(EnvironmentPolicy policy, String name) {
        return policy.value(name).orElseThrow(() -> missing(name));
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException(name + " is required to send from prod");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
