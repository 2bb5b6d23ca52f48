package io.cms.post.rest;

import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException.Kind;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body declared larger than {@code cms.http.max-body-size} with a problem document.
 * Quarkus' own limit ({@code quarkus.http.limits.max-body-size}, set higher) stays as the backstop
 * for bodies that do not declare their length; it answers with an empty 413.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long limit;

    BodyLimitFilter(@ConfigProperty(name = "cms.http.max-body-size", defaultValue = "50M") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String declared = rc.request().getHeader("Content-Length");
            if (declared != null && tooLarge(declared)) {
                String body = "{\"type\":\"" + Kind.PAYLOAD_TOO_LARGE.type() + "\",\"title\":\"" + Kind.PAYLOAD_TOO_LARGE.title
                        + "\",\"status\":413,\"detail\":\"The request body is larger than the limit of " + limit
                        + " bytes\",\"instance\":\"" + rc.normalizedPath().replace("\"", "%22") + "\"}";
                rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(body);
                return;
            }
            rc.next();
        }, 1000);
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
