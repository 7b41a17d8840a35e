package org.sosops.env.promotion.access;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Validates a deployed application's admin and member controls from outside: every admin-only
 * endpoint answers 2xx to the admin, 403 to the member and 401 to an anonymous caller; every
 * member endpoint answers 2xx to the member. Each probe is one {@code GET}, never retried, with
 * no redirect followed (a login redirect is not a 2xx). Thread-safe once built.
 *
 * <pre>{@code
 * AdminControlsReport report = AdminControls.builder(URI.create("https://staging.example.org"))
 *         .admin(StaffCredential.bearer(adminToken))
 *         .member(StaffCredential.session(memberSession))
 *         .build().run();
 * report.failing().forEach(p -> System.out.println(p.describe()));
 * }</pre>
 */
public final class AdminControls {
    /** The admin-only endpoints probed unless the seed list names others. */
    public static final List<String> DEFAULT_ADMIN_ONLY = List.of("/api/dashboard/ops/incidents",
            "/api/dashboard/security/sessions", "/api/dashboard/support/impersonation/sessions");
    /** The member endpoints probed unless the seed list names others. */
    public static final List<String> DEFAULT_MEMBER = List.of("/api/dashboard/home", "/api/analytics");

    private final URI baseUrl;
    private final StaffCredential admin;
    private final StaffCredential member;
    private final List<String> adminOnly;
    private final List<String> memberEndpoints;
    private final Duration timeout;
    private final HttpClient client;

    private AdminControls(Builder b) {
        this.baseUrl = b.baseUrl;
        this.admin = Objects.requireNonNull(b.admin, "the admin credential is required");
        this.member = Objects.requireNonNull(b.member, "the member credential is required");
        this.adminOnly = List.copyOf(b.adminOnly);
        this.memberEndpoints = List.copyOf(b.memberEndpoints);
        this.timeout = b.timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    public AdminControlsReport run() {
        List<AdminControlsReport.Probe> probes = new ArrayList<>();
        for (String endpoint : adminOnly) {
            probes.add(probe(endpoint, "admin", Optional.of(admin), "2xx"));
            probes.add(probe(endpoint, "member", Optional.of(member), "403"));
            probes.add(probe(endpoint, "anonymous", Optional.empty(), "401"));
        }
        for (String endpoint : memberEndpoints) {
            probes.add(probe(endpoint, "member", Optional.of(member), "2xx"));
        }
        return new AdminControlsReport(baseUrl.toString(), probes);
    }

    private AdminControlsReport.Probe probe(String endpoint, String caller, Optional<StaffCredential> credential, String expected) {
        String root = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                : baseUrl.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + endpoint)).timeout(timeout).GET()
                .header("Accept", "application/json").header("User-Agent", "sosops-env-launch-gate");
        credential.ifPresent(c -> c.applyTo(request));
        String problem;
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new AdminControlsReport.Probe(endpoint, caller, expected, OptionalInt.of(response.statusCode()), "");
        } catch (HttpTimeoutException e) {
            problem = "no answer within " + timeout.toMillis() + " ms";
        } catch (ConnectException e) {
            problem = "cannot connect to " + baseUrl.getHost();
        } catch (IOException e) {
            problem = "request failed (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        return new AdminControlsReport.Probe(endpoint, caller, expected, OptionalInt.empty(), problem);
    }

    public static final class Builder {
        private final URI baseUrl;
        private StaffCredential admin;
        private StaffCredential member;
        private List<String> adminOnly = DEFAULT_ADMIN_ONLY;
        private List<String> memberEndpoints = DEFAULT_MEMBER;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        public Builder admin(StaffCredential credential) {
            this.admin = credential;
            return this;
        }

        public Builder member(StaffCredential credential) {
            this.member = credential;
            return this;
        }

        /** The admin-only endpoints (paths); default {@link #DEFAULT_ADMIN_ONLY}. */
        public Builder adminOnly(List<String> paths) {
            this.adminOnly = requirePaths(paths);
            return this;
        }

        /** The member endpoints (paths); default {@link #DEFAULT_MEMBER}. */
        public Builder memberEndpoints(List<String> paths) {
            this.memberEndpoints = requirePaths(paths);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        public AdminControls build() {
            return new AdminControls(this);
        }

        private static List<String> requirePaths(List<String> paths) {
            for (String p : paths) {
                if (p == null || !p.startsWith("/")) {
                    throw new IllegalArgumentException("endpoints must be paths starting with /");
                }
            }
            return List.copyOf(paths);
        }
    }
}
