package io.cms.post.rest;

import java.util.List;
import java.util.Map;

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
                Problem.send(rc, Kind.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + limit + " bytes",
                        List.of(), Map.of("Connection", "close"));
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
