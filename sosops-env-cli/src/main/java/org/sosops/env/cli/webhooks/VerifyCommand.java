package org.sosops.env.cli.webhooks;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;
import org.sosops.env.webhooks.verify.RejectReason;
import org.sosops.env.webhooks.verify.SendGridSignatureVerifier;
import org.sosops.env.webhooks.verify.StandardWebhooksVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;
import org.sosops.env.webhooks.verify.TwilioUrlDiagnosis;
import org.sosops.env.webhooks.verify.Verification;
import org.sosops.env.webhooks.verify.WebhookVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sosops-env webhooks verify}: checks one captured request with the runtime verifiers and,
 * on a Twilio mismatch, names the URL variant that would have matched.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify one captured webhook request offline, exactly as the runtime verifier would.",
                "The secret is read from the named environment variable, never from the command line."})
public final class VerifyCommand implements Callable<Integer> {
    /** Where variables are read; tests replace it. */
    static UnaryOperator<String> environment = name -> ProcessEnvironment.get(name).orElse(null);

    enum Provider { twilio, sendgrid, postmark, standard }

    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Option(names = "--provider", required = true, paramLabel = "twilio|sendgrid|postmark|standard",
            description = "The signing scheme: ${COMPLETION-CANDIDATES}.")
    private Provider provider;

    @Option(names = "--secret-env", required = true, paramLabel = "VAR",
            description = "The environment variable holding the auth token, key or shared secret.")
    private String secretVariable;

    @Option(names = "--url", paramLabel = "URL", description = "The URL the provider called (required for twilio).")
    private String url;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A form parameter of the body (repeatable, in order).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--body-file", paramLabel = "FILE", description = "The raw body as received.")
    private Path bodyFile;

    @Option(names = "--header", paramLabel = "'Name: value'", description = "A request header (repeatable).")
    private List<String> headers = new ArrayList<>();

    @Option(names = "--signature", paramLabel = "SIG",
            description = "The signature header's value (X-Twilio-Signature, the SendGrid signature, webhook-signature, "
                    + "or Postmark's token header).")
    private String signature;

    @Option(names = "--at", paramLabel = "EPOCH_SECONDS", description = "Check timestamp windows as of this time.")
    private Long at;

    @Override
    public Integer call() {
        String secretValue = environment.apply(secretVariable);
        if (secretValue == null || secretValue.isBlank()) {
            throw new InputException("--secret-env: the variable " + secretVariable + " is not set or is empty");
        }
        Secret secret = Secret.of(secretValue);
        Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(at), ZoneOffset.UTC);
        URI target = parseUrl();
        WebhookRequest request = buildRequest(target);
        WebhookVerifier verifier = verifier(secret, clock, target);
        Verification answer = verifier.verify(request);
        Optional<String> diagnosis = Optional.empty();
        if (answer instanceof Verification.Rejected rejected) {
            diagnosis = diagnose(rejected, secret, request, target);
        }
        print(answer, diagnosis);
        return answer.verified() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    private URI parseUrl() {
        if (url == null) {
            if (provider == Provider.twilio) {
                throw new InputException("--url is required for twilio: the public URL Twilio called");
            }
            return URI.create("https://localhost/");
        }
        try {
            URI parsed = new URI(url);
            if (parsed.getScheme() == null || parsed.getHost() == null
                    || !List.of("http", "https").contains(parsed.getScheme().toLowerCase(Locale.ROOT))) {
                // Never quote the URL: it may carry user:TOKEN@ or a token in its query.
                throw new InputException("--url is not an absolute http(s) URL");
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw new InputException("--url is not a valid URL (" + e.getReason()
                    + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "") + ")");
        }
    }

    private WebhookRequest buildRequest(URI target) {
        if (bodyFile != null && !params.isEmpty()) {
            throw new InputException("give the body either as --body-file or as --param, not both");
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        WebhookRequest.Builder builder = WebhookRequest.builder("POST", path).query(target.getRawQuery());
        boolean contentType = false;
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            int colon = header.indexOf(':');
            if (colon <= 0) {
                // Header values are often credentials (Authorization, tokens): position only.
                throw new InputException("--header number " + (i + 1) + " is not 'Name: value'");
            }
            String name = header.substring(0, colon).strip();
            contentType |= name.equalsIgnoreCase("Content-Type");
            builder.header(name, header.substring(colon + 1).strip());
        }
        if (bodyFile != null) {
            try {
                builder.body(Files.readAllBytes(bodyFile));
            } catch (IOException e) {
                throw new InputException(bodyFile + ": cannot read the body file (" + e.getClass().getSimpleName() + ")");
            }
        } else if (!params.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                String param = params.get(i);
                int eq = param.indexOf('=');
                if (eq <= 0) {
                    throw new InputException("--param number " + (i + 1) + " is not NAME=VALUE");
                }
                pairs.add(URLEncoder.encode(param.substring(0, eq), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(param.substring(eq + 1), StandardCharsets.UTF_8));
            }
            builder.body(String.join("&", pairs).getBytes(StandardCharsets.UTF_8));
        }
        if (!contentType) {
            builder.header("Content-Type", provider == Provider.twilio && (target.getRawQuery() == null
                    || !target.getRawQuery().contains("bodySHA256=")) ? "application/x-www-form-urlencoded" : "application/json");
        }
        if (signature != null) {
            builder.header(switch (provider) {
                case twilio -> TwilioSignatureVerifier.SIGNATURE_HEADER;
                case sendgrid -> SendGridSignatureVerifier.SIGNATURE_HEADER;
                case standard -> StandardWebhooksVerifier.SIGNATURE_HEADER;
                case postmark -> PostmarkTokenVerifier.DEFAULT_TOKEN_HEADER;
            }, signature);
        }
        return builder.build();
    }

    private WebhookVerifier verifier(Secret secret, Clock clock, URI target) {
        try {
            return switch (provider) {
                case twilio -> TwilioSignatureVerifier.withAuthToken(secret, URI.create(target.getScheme() + "://"
                        + target.getRawAuthority()));
                case sendgrid -> SendGridSignatureVerifier.withVerificationKey(secret, clock);
                case postmark -> PostmarkTokenVerifier.withToken(secret);
                case standard -> StandardWebhooksVerifier.withSecret(secret, clock);
            };
        } catch (IllegalArgumentException e) {
            throw new InputException(secretVariable + ": " + e.getMessage());
        }
    }

    private Optional<String> diagnose(Verification.Rejected rejected, Secret secret, WebhookRequest request, URI target) {
        if (provider == Provider.twilio && rejected.reason() == RejectReason.SIGNATURE_MISMATCH) {
            return TwilioUrlDiagnosis.diagnose(secret, request, target).or(() -> Optional.of(
                    "no scheme, host, port, path or query variant matches: the auth token or the body differs from "
                            + "what Twilio signed"));
        }
        if (rejected.reason() == RejectReason.TIMESTAMP_OUT_OF_WINDOW) {
            return Optional.of("the signature itself is valid; the timestamp is outside the window"
                    + (at == null ? " (pass --at with the delivery time to check a captured request)" : " at --at " + at));
        }
        return Optional.empty();
    }

    private void print(Verification answer, Optional<String> diagnosis) {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Verification.Rejected> rejected = answer instanceof Verification.Rejected r ? Optional.of(r) : Optional.empty();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeBooleanField("verified", answer.verified());
                json.writeStringField("provider", answer.provider());
                if (rejected.isPresent()) {
                    json.writeStringField("reason", rejected.get().describe());
                }
                if (diagnosis.isPresent()) {
                    json.writeStringField("diagnosis", diagnosis.get());
                }
                json.writeEndObject();
            });
        } else if (rejected.isEmpty()) {
            out.println("verified: the " + answer.provider() + " request is authentic");
        } else {
            out.println("rejected: " + rejected.get().describe());
            diagnosis.ifPresent(d -> out.println("diagnosis: " + d));
        }
        out.flush();
    }
}
