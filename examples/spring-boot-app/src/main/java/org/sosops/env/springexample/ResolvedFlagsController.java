package org.sosops.env.springexample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sosops.env.core.EnvironmentPolicy;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.flags.FlagResolver;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The resolved flags of an organization (or the environment-level answer), each with its source.
 * In staging and prod it requires a staff bearer token: one whose SHA-256 is listed in
 * {@code SOSOPS_STAFF_TOKEN_HASHES} ({@code role:sha256:HEX,…}, as the reference application reads
 * it), so the configuration holds no usable credential. A service with Spring Security puts the
 * endpoint behind its own staff authentication instead.
 */
@RestController
public class ResolvedFlagsController {
    static final String STAFF_TOKENS = "SOSOPS_STAFF_TOKEN_HASHES";

    private final FlagResolver flags;
    private final boolean tokenRequired;
    private final Set<String> staffDigests;

    public ResolvedFlagsController(FlagResolver flags, EnvironmentPolicy policy) {
        this.flags = flags;
        this.tokenRequired = policy.environment() == AppEnv.STAGING || policy.environment() == AppEnv.PROD;
        this.staffDigests = policy.value(STAFF_TOKENS).stream()
                .flatMap(spec -> Stream.of(spec.split(",")))
                .map(entry -> entry.strip().split(":"))
                .filter(parts -> parts.length == 3 && parts[1].equalsIgnoreCase("sha256"))
                .map(parts -> parts[2].strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @GetMapping(path = "/api/dashboard/feature-flags/resolved", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> resolved(@RequestParam(name = "organization_id", required = false) String organizationId,
                                           @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (tokenRequired && !isStaff(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"error\":\"unauthorized\"}");
        }
        return ResponseEntity.ok((organizationId == null || organizationId.isBlank() ? flags.resolveAll()
                : flags.resolveAll(organizationId)).toJson());
    }

    private boolean isStaff(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).strip();
        return !token.isEmpty() && staffDigests.contains(sha256(token));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
