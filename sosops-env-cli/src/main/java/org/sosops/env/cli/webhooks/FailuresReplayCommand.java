package org.sosops.env.cli.webhooks;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.sosops.env.cli.support.ExitCode;
import org.sosops.env.cli.support.FormatOption;
import org.sosops.env.cli.support.InputException;
import org.sosops.env.cli.support.JsonOutput;
import org.sosops.env.cli.support.ProcessEnvironment;
import org.sosops.env.core.secret.Secret;
import org.sosops.env.webhooks.failures.FailureRecord;
import org.sosops.env.webhooks.failures.FailureReplay;
import org.sosops.env.webhooks.failures.FailureStore;
import org.sosops.env.webhooks.failures.FailureStoreException;
import org.sosops.env.webhooks.request.SourceAllowlist;
import org.sosops.env.webhooks.request.WebhookRequest;
import org.sosops.env.webhooks.verify.PostmarkTokenVerifier;
import org.sosops.env.webhooks.verify.SendGridSignatureVerifier;
import org.sosops.env.webhooks.verify.StandardWebhooksVerifier;
import org.sosops.env.webhooks.verify.TwilioSignatureVerifier;
import org.sosops.env.webhooks.verify.WebhookVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code failures replay}: re-verifies each stored record against the current secret — read from
 * the variables the guard reads ({@code TWILIO_AUTH_TOKEN} and {@code APP_URL};
 * {@code EMAIL_WEBHOOK_SIGNING_SECRET}, plus {@code SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST} for Postmark,
 * whose token is never stored and which is therefore re-verified by source only), or from
 * {@code --secret-env VAR} — and only then POSTs
 * it to the application's replay target, marking it replayed on a 2xx answer. A record the guard
 * refused replays only with {@code --include-refused} and only if it verifies now; a truncated
 * record never does. A record that is not handed on is reported with the reason (exit 1).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay stored webhook failures: re-verify each record's stored signature against the current secret,",
                "then POST it to the application's replay target and mark it replayed on 2xx. Records that do not verify",
                "now, truncated records, and records the guard refused (unless --include-refused) are reported and skipped (exit 1)."})
final class FailuresReplayCommand implements Callable<Integer> {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Mixin
    private FailuresCommand.StoreOptions store;

    @Option(names = "--id", paramLabel = "ID", description = "A failure id (repeatable).")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Every record not yet replayed (up to --limit).")
    private boolean all;

    @Option(names = "--limit", defaultValue = "1000", paramLabel = "N", description = "With --all: at most N records (default ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The application's replay target URL.")
    private String target;

    @Option(names = "--include-refused",
            description = "Also replay records the guard refused (signature, token, source, size) — only if they verify now.")
    private boolean includeRefused;

    @Option(names = "--secret-env", paramLabel = "VAR",
            description = "Read the current signing secret from VAR instead of the guard's variable for the provider "
                    + "(required for Standard Webhooks records).")
    private String secretVariable;

    @Option(names = "--app-url-env", paramLabel = "VAR", defaultValue = "APP_URL",
            description = "The variable holding the public base URL Twilio signs (default ${DEFAULT-VALUE}).")
    private String appUrlVariable;

    @Option(names = "--bearer-token-env", paramLabel = "VAR",
            description = "Send the staff token held by VAR as 'Authorization: Bearer' to the replay target.")
    private String bearerVariable;

    private final Map<String, Object> verifiers = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        URI to = target();
        requireVariableName("--secret-env", secretVariable);
        requireVariableName("--app-url-env", appUrlVariable);
        requireVariableName("--bearer-token-env", bearerVariable);
        Optional<String> bearer = Optional.empty();
        if (bearerVariable != null) {
            bearer = Optional.of(ProcessEnvironment.get(bearerVariable).map(String::strip).filter(v -> !v.isEmpty())
                    .orElseThrow(() -> new InputException(bearerVariable + " is not set (--bearer-token-env)")));
        }
        if (all == !ids.isEmpty()) {
            throw new InputException("give either --id ID (repeatable) or --all");
        }
        List<Result> results = new ArrayList<>();
        try (FailuresCommand.Opened opened = store.open()) {
            FailureStore failures = opened.store();
            List<FailureRecord> records = records(failures);
            FailureReplay rule = FailureReplay.of(this::verifier, includeRefused);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (FailureRecord record : records) {
                results.add(replay(record, rule, client, to, bearer, failures));
            }
        }
        print(results);
        return results.stream().allMatch(Result::replayed) ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    private List<FailureRecord> records(FailureStore failures) {
        try {
            if (all) {
                if (limit < 1) {
                    throw new InputException("--limit must be at least 1");
                }
                return failures.list(limit).stream().filter(r -> !r.replayed()).toList();
            }
            // Every id must exist before anything is replayed: a typo never leaves half a batch done.
            List<FailureRecord> found = new ArrayList<>();
            for (String id : ids) {
                found.add(failures.find(id).orElseThrow(() -> new InputException("--id " + id + ": no such webhook failure")));
            }
            return found;
        } catch (FailureStoreException e) {
            throw new InputException("the failure store cannot be read (" + e.getMessage() + ")");
        }
    }

    private Result replay(FailureRecord record, FailureReplay rule, HttpClient client, URI to, Optional<String> bearer,
                          FailureStore failures) {
        Object configured = verifierOrProblem(record.provider());
        if (configured instanceof String problem) {
            return Result.skipped(record, problem);
        }
        FailureReplay.Verdict verdict = rule.check(record);
        if (verdict instanceof FailureReplay.Verdict.Refused refused) {
            return Result.skipped(record, refused.reason());
        }
        WebhookRequest request = ((FailureReplay.Verdict.Allowed) verdict).request();
        HttpRequest.Builder post = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30))
                .header("X-Request-Id", record.requestId()).header("X-Sosops-Replay-Of", record.id())
                .header("X-Sosops-Replay-Endpoint", record.endpoint())
                .header("X-Sosops-Replay-Received-At", record.receivedAt().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        record.rawQuery().ifPresent(query -> post.header("X-Sosops-Replay-Query", query));
        bearer.ifPresent(token -> post.header("Authorization", "Bearer " + token));
        if (includeRefused && record.refused()) {
            post.header("X-Sosops-Replay-Include-Refused", "true");
        }
        request.header("Content-Type").ifPresent(type -> post.header("Content-Type", type));
        // The signing headers travel on, so the target can verify the request again itself.
        record.signingHeaders().forEach((name, values) -> values.forEach(v -> post.header(name, v)));
        int status;
        try {
            status = client.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return Result.failed(record, 0, "the replay target did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while replaying " + record.id());
        }
        if (status / 100 != 2) {
            return Result.failed(record, status, "the replay target answered HTTP " + status);
        }
        try {
            failures.markReplayed(record.id(), Clock.systemUTC().instant());
        } catch (FailureStoreException e) {
            return Result.failed(record, status, "handed on, but not marked replayed (" + e.getMessage() + ")");
        }
        return new Result(record.id(), true, status, Optional.empty());
    }

    private Optional<WebhookVerifier> verifier(FailureRecord record) {
        return verifierOrProblem(record.provider()) instanceof WebhookVerifier v ? Optional.of(v) : Optional.empty();
    }

    /** The provider's verifier with the current secret, or one line saying which variable is missing. */
    private Object verifierOrProblem(String provider) {
        return verifiers.computeIfAbsent(provider, p -> {
            try {
                return build(p);
            } catch (InputException e) {
                return e.getMessage();
            }
        });
    }

    private WebhookVerifier build(String provider) {
        Clock now = Clock.systemUTC();
        switch (provider) {
            case TwilioSignatureVerifier.PROVIDER -> {
                Secret token = secret("TWILIO_AUTH_TOKEN");
                String appUrl = ProcessEnvironment.get(appUrlVariable).filter(v -> !v.isBlank()).orElseThrow(() ->
                        new InputException(appUrlVariable + " is not set; Twilio signs the public URL, so it is needed to re-verify"));
                try {
                    return TwilioSignatureVerifier.withAuthToken(token, new URI(appUrl.strip()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new InputException(appUrlVariable + " is not an absolute http(s) URL");
                }
            }
            case SendGridSignatureVerifier.PROVIDER -> {
                try {
                    return SendGridSignatureVerifier.withVerificationKey(secret("EMAIL_WEBHOOK_SIGNING_SECRET"), now);
                } catch (IllegalArgumentException e) {
                    throw new InputException(secretName("EMAIL_WEBHOOK_SIGNING_SECRET") + ": " + e.getMessage());
                }
            }
            case PostmarkTokenVerifier.PROVIDER -> {
                SourceAllowlist sources;
                try {
                    sources = ProcessEnvironment.get("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST").filter(v -> !v.isBlank())
                            .map(SourceAllowlist::parse).orElse(SourceAllowlist.any());
                } catch (IllegalArgumentException e) {
                    throw new InputException("SOSOPS_WEBHOOK_POSTMARK_ALLOWLIST: " + e.getMessage());
                }
                try {
                    return PostmarkTokenVerifier.withToken(secret("EMAIL_WEBHOOK_SIGNING_SECRET")).allowing(sources);
                } catch (IllegalArgumentException e) {
                    throw new InputException(secretName("EMAIL_WEBHOOK_SIGNING_SECRET") + ": " + e.getMessage());
                }
            }
            case StandardWebhooksVerifier.PROVIDER -> {
                if (secretVariable == null) {
                    throw new InputException("Standard Webhooks records need --secret-env VAR naming the current secret");
                }
                try {
                    return StandardWebhooksVerifier.withSecret(secret(secretVariable), now);
                } catch (IllegalArgumentException e) {
                    throw new InputException(secretVariable + ": " + e.getMessage());
                }
            }
            default -> throw new InputException("no verifier for provider '" + provider.toLowerCase(Locale.ROOT) + "'");
        }
    }

    private String secretName(String guardVariable) {
        return secretVariable != null ? secretVariable : guardVariable;
    }

    private Secret secret(String guardVariable) {
        String name = secretName(guardVariable);
        String value = ProcessEnvironment.get(name).orElse("");
        if (value.isBlank()) {
            throw new InputException(name + " is not set; the current secret is needed to re-verify the stored signature");
        }
        return Secret.of(value.strip());
    }

    private URI target() {
        try {
            URI uri = new URI(target);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new InputException("--to is not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InputException("--to is not a valid URL (at position " + e.getIndex() + ")");
        }
    }

    private static void requireVariableName(String option, String value) {
        if (value != null && !VARIABLE_NAME.matcher(value).matches()) {
            throw new InputException(option + " takes the name of an environment variable, not a value");
        }
    }

    private void print(List<Result> results) {
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            JsonOutput.print(out, json -> {
                json.writeStartObject();
                json.writeArrayFieldStart("replayed");
                for (Result r : results) {
                    json.writeStartObject();
                    json.writeStringField("id", r.id());
                    json.writeBooleanField("replayed", r.replayed());
                    if (r.status() > 0) {
                        json.writeNumberField("status", r.status());
                    }
                    if (r.reason().isPresent()) {
                        json.writeStringField("reason", r.reason().get());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        } else {
            for (Result r : results) {
                out.println(r.id() + ": " + (r.replayed() ? "replayed (HTTP " + r.status() + ")" : "NOT replayed: " + r.reason().orElse("")));
            }
            if (results.isEmpty()) {
                out.println("no webhook failures to replay");
            }
        }
        out.flush();
    }

    /** One record's outcome; {@code status} is 0 when nothing was sent. */
    private record Result(String id, boolean replayed, int status, Optional<String> reason) {
        static Result skipped(FailureRecord record, String reason) {
            return new Result(record.id(), false, 0, Optional.of("skipped: " + reason));
        }

        static Result failed(FailureRecord record, int status, String reason) {
            return new Result(record.id(), false, status, Optional.of(reason));
        }
    }
}
