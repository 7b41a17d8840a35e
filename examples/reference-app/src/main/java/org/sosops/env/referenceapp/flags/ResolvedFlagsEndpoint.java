package org.sosops.env.referenceapp.flags;

import java.util.Optional;
import java.util.regex.Pattern;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.ResolvedFlags;
import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;

/**
 * {@code GET /api/dashboard/feature-flags/resolved[?organization_id=ID]}: every flag with its value
 * and source (docs/flags.md), for one organization or, without one, at the environment level.
 */
public final class ResolvedFlagsEndpoint implements Endpoint {
    private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final FlagResolver flags;

    public ResolvedFlagsEndpoint(FlagResolver flags) {
        this.flags = flags;
    }

    @Override
    public void handle(Exchange exchange) {
        Optional<String> organization = exchange.queryParameter("organization_id");
        if (organization.isPresent() && !ORGANIZATION_ID.matcher(organization.get()).matches()) {
            exchange.error(400, "bad_request", "organization_id must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
            return;
        }
        ResolvedFlags resolved = organization.map(flags::resolveAll).orElseGet(flags::resolveAll);
        exchange.text(200, "application/json", resolved.toJson());
    }
}
