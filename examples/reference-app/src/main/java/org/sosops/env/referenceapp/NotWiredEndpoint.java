package org.sosops.env.referenceapp;

import org.sosops.env.referenceapp.http.Endpoint;
import org.sosops.env.referenceapp.http.Exchange;

/**
 * An endpoint whose library module is not part of this build: a clear {@code 501} naming the
 * module, never a guess at the answer.
 */
final class NotWiredEndpoint implements Endpoint {
    private final String module;

    NotWiredEndpoint(String module) {
        this.module = module;
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.error(501, "not_implemented", exchange.path() + " needs the " + module
                + " module, which this build of the reference application does not include");
    }
}
