package org.sosops.env.referenceapp.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.recipients.Channel;
import org.sosops.env.testing.environment.FakeEnvironment;

/** The prod sender speaks each provider's API, tested against a loopback stand-in for the provider. */
class ProviderSenderTest {
    private record Captured(String path, Map<String, List<String>> headers, String body) {
    }

    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private HttpServer provider;
    private volatile int status = 201;

    @BeforeEach
    void startProvider() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            captured.add(new Captured(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    @Test
    void smsGoesToTwilioOneRequestPerRecipientFromTheMessagingService() throws Exception {
        FakeEnvironment prod = prod("postmark");
        ProviderSender sender = ProviderSender.from(prod.policy());

        MessageSender.Receipt receipt = sender.send(new OutboundMessage(Channel.SMS,
                List.of("+15555550100", "+15555550101"), Optional.empty(), "Polls open at 7"));

        assertThat(receipt).isEqualTo(new MessageSender.Receipt("sent", 2));
        assertThat(captured).hasSize(2);
        String sid = prod.value("TWILIO_ACCOUNT_SID").orElseThrow();
        Captured first = captured.get(0);
        assertThat(first.path()).isEqualTo("/2010-04-01/Accounts/" + sid + "/Messages.json");
        String basic = Base64.getEncoder().encodeToString((sid + ":" + prod.secret("TWILIO_AUTH_TOKEN").orElseThrow()
                .reveal()).getBytes(StandardCharsets.UTF_8));
        assertThat(first.headers().get("Authorization")).containsExactly("Basic " + basic);
        String form = URLDecoder.decode(first.body(), StandardCharsets.UTF_8);
        assertThat(form).contains("MessagingServiceSid=" + prod.value("TWILIO_MESSAGING_SERVICE_SID").orElseThrow())
                .contains("To=+15555550100").contains("Body=Polls open at 7");
    }

    @Test
    void emailGoesToPostmarkWithTheServerToken() throws Exception {
        FakeEnvironment prod = prod("postmark");

        ProviderSender.from(prod.policy()).send(new OutboundMessage(Channel.EMAIL, List.of("volunteer@example.org"),
                Optional.of("Shift"), "See you Saturday"));

        assertThat(captured).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/email");
            assertThat(request.headers().get("X-postmark-server-token"))
                    .containsExactly(prod.secret("EMAIL_API_KEY").orElseThrow().reveal());
            assertThat(request.body()).contains("\"To\":\"volunteer@example.org\"").contains("\"Subject\":\"Shift\"");
        });
    }

    @Test
    void aProviderRefusalNamesTheProviderAndStatusButNoCredential() {
        status = 401;
        FakeEnvironment prod = prod("postmark");
        ProviderSender sender = ProviderSender.from(prod.policy());

        assertThatThrownBy(() -> sender.send(new OutboundMessage(Channel.SMS, List.of("+15555550100"), Optional.empty(), "x")))
                .isInstanceOf(SendFailedException.class)
                .hasMessage("Twilio refused the message with HTTP 401")
                .hasMessageNotContaining(prod.secret("TWILIO_AUTH_TOKEN").orElseThrow().reveal());
    }

    private FakeEnvironment prod(String emailProvider) {
        String base = "http://127.0.0.1:" + provider.getAddress().getPort();
        FakeEnvironment prod = FakeEnvironment.builder(AppEnv.PROD)
                .set(ProviderSender.TWILIO_BASE_URL, base)
                .set(ProviderSender.EMAIL_BASE_URL, base)
                .build();
        EnvironmentPolicy policy = prod.policy();
        assertThat(policy.value("EMAIL_PROVIDER")).hasValue(emailProvider);
        return prod;
    }
}
