package org.sosops.env.springexample;

import org.sosops.env.flags.FlagResolver;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The resolved flags of an organization (or the environment-level answer), each with its source.
 * A real service puts this behind its staff authentication in staging and prod.
 */
@RestController
public class ResolvedFlagsController {
    private final FlagResolver flags;

    public ResolvedFlagsController(FlagResolver flags) {
        this.flags = flags;
    }

    @GetMapping(path = "/api/dashboard/feature-flags/resolved", produces = MediaType.APPLICATION_JSON_VALUE)
    public String resolved(@RequestParam(name = "organization_id", required = false) String organizationId) {
        return (organizationId == null || organizationId.isBlank() ? flags.resolveAll() : flags.resolveAll(organizationId))
                .toJson();
    }
}
