package io.cms.post.studio;

import java.net.URI;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.SessionCookies;
import io.cms.post.accounts.OidcCodeFlow;
import io.cms.post.accounts.Sessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The studio's sign-in through the OpenID Connect provider: off to the provider, and back with a session. */
@Path("/studio/oidc")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.EXPENSIVE)
@Tag(name = "Studio")
public class StudioOidcResource {

    private final OidcCodeFlow flow;
    private final StudioPages pages;
    private final SessionCookies cookies;
    private final Template signIn;
    private final CurrentVertxRequest current;
    private final ClientAddress clients = ClientAddress.fromConfig();

    StudioOidcResource(OidcCodeFlow flow, StudioPages pages, SessionCookies cookies, @Location("studio/signIn.html") Template signIn,
            CurrentVertxRequest current) {
        this.flow = flow;
        this.pages = pages;
        this.cookies = cookies;
        this.signIn = signIn;
        this.current = current;
    }

    @GET
    @Path("start")
    @Operation(summary = "Begin signing in at the provider (authorization code with PKCE); 404 when none is set up")
    public Response start() {
        OidcCodeFlow.Started started = flow.start();
        return Response.seeOther(URI.create(started.location()))
                .header(HttpHeaders.SET_COOKIE, cookie(started.cookie(), OidcCodeFlow.COOKIE_SECONDS))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @GET
    @Path("callback")
    @Operation(summary = "Where the provider sends the browser back (code, state; or error): the session goes in cookies")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
            @QueryParam("error_description") String description, @CookieParam(OidcCodeFlow.COOKIE) String kept) {
        try {
            if (error != null) {
                throw new ProblemException(ProblemException.Kind.UNAUTHORIZED, "The provider did not sign you in: "
                        + (description == null ? error : description));
            }
            Sessions.SignedIn s = flow.finish(code, state, kept, clients.of(current.getCurrent().request()));
            Response.ResponseBuilder r = Response.seeOther(URI.create("/studio/posts"));
            cookies.open(r, s.token(), s.sessionId(), s.expiresAt());
            return r.header(HttpHeaders.SET_COOKIE, cookie("", 0)).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
        } catch (ProblemException e) {
            return pages.page(Response.status(e.status()).header(HttpHeaders.SET_COOKIE, cookie("", 0)),
                    signIn.instance().data("email", "").data("error", e.getMessage()).data("oidc", flow.enabled()), null);
        }
    }

    /** Lax, not Strict: the provider's redirect back is a navigation from another site, which must carry it. */
    private static String cookie(String value, int maxAge) {
        return OidcCodeFlow.COOKIE + "=" + value + "; Path=/studio/oidc; Max-Age=" + maxAge + "; Secure; HttpOnly; SameSite=Lax";
    }
}
