package io.cms.post.studio;

import java.net.URI;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Callers;
import io.cms.common.auth.Role;
import io.cms.common.auth.SessionTokens;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.SessionCookies;
import io.cms.post.accounts.User;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What every studio page shares, read from the request it answers: who is signed in (else the
 * sign-in page), the form token, the language, the writer's time zone, the navigation their role
 * sees, and the headers.
 */
@ApplicationScoped
public class StudioPages {

    /** Pages that show staff data: never cached, never framed, no script from elsewhere. */
    static final String POLICY = "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /** Thrown where a page needs a session and there is none; answered with the sign-in page. */
    static final class SignInFirst extends RuntimeException {
        SignInFirst() {
            super(null, null, false, false);
        }
    }

    /** The links in a signed-in page's header: only those the role may follow. */
    @TemplateData
    public record Nav(String name, String role, boolean editor, boolean admin, String csrf) {
    }

    private static final java.time.format.DateTimeFormatter MINUTES = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Callers callers;
    private final SessionTokens tokens;
    private final SessionCookies cookies;
    private final CurrentVertxRequest current;

    StudioPages(Callers callers, SessionTokens tokens, SessionCookies cookies, CurrentVertxRequest current) {
        this.callers = callers;
        this.tokens = tokens;
        this.cookies = cookies;
        this.current = current;
    }

    @ServerExceptionMapper
    public Response signInFirst(SignInFirst e) {
        return Response.seeOther(URI.create("/studio/sign-in")).build();
    }

    /** The signed-in user, or null (no session, or one that ended). */
    Caller signedIn() {
        try {
            Caller caller = callers.of(request().getHeader(HttpHeaders.AUTHORIZATION));
            return caller.kind() == Caller.Kind.USER ? caller : null;
        } catch (ProblemException ended) {
            return null;
        }
    }

    /** The signed-in user; without one the answer is the sign-in page. */
    Caller caller() {
        Caller caller = signedIn();
        if (caller == null) {
            throw new SignInFirst();
        }
        return caller;
    }

    /** The signed-in user sending a form, which must carry the session's token. */
    Caller form(String csrf) {
        Caller caller = caller();
        requireCsrf(caller, csrf);
        return caller;
    }

    /** The caller, if an admin; else 403 with {@code refusal} (pages for admins only, as their API is). */
    static Caller admin(Caller caller, String refusal) {
        if (!caller.admin()) {
            throw new ProblemException(ProblemException.Kind.FORBIDDEN, refusal);
        }
        return caller;
    }

    String csrf(Caller caller) {
        return tokens.csrfToken(caller.sessionId());
    }

    void requireCsrf(Caller caller, String sent) {
        if (!cookies.csrfMatches(caller.sessionId(), sent)) {
            throw ProblemException.invalid("csrf", "does not match the session: reload the page");
        }
    }

    /** A refusal as lines a page shows: each field at fault with its reason, else the message. */
    static java.util.List<String> describe(ProblemException e) {
        if (e.errors().isEmpty()) {
            return java.util.List.of(e.getMessage());
        }
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).toList();
    }

    /** A page number from the address: 1 for none or nonsense, at most the page holding the 10 000th item. */
    static int pageNumber(String page, int perPage) {
        try {
            int n = page == null ? 1 : Integer.parseInt(page.strip());
            return Math.max(1, Math.min(n, 10_000 / perPage));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The files a form's file field carries: none when it was sent with no file chosen (one empty part without a name). */
    static java.util.List<org.jboss.resteasy.reactive.multipart.FileUpload> chosen(
            java.util.List<org.jboss.resteasy.reactive.multipart.FileUpload> uploads) {
        return uploads == null ? java.util.List.of()
                : uploads.stream().filter(f -> f.size() > 0 || !fileName(f).equals(UNNAMED)).toList();
    }

    /** An uploaded file's name as the writer chose it, or "(unnamed)". */
    static String fileName(org.jboss.resteasy.reactive.multipart.FileUpload f) {
        return f.fileName() == null || f.fileName().isBlank() ? UNNAMED : f.fileName();
    }

    private static final String UNNAMED = "(unnamed)";

    /** The language asked for ({@code ?lang=}), kept, or the browser's. */
    Locale locale() {
        HttpServerRequest r = request();
        return StudioLanguage.choose(r.getParam("lang"), cookie(StudioLanguage.COOKIE), r.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    ZoneId zone() {
        return StudioZone.of(cookie(StudioZone.COOKIE));
    }

    /** A time as the writer reads it: to the minute, in their zone; empty for none. */
    String time(java.time.OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(zone()).format(MINUTES);
    }

    StudioMessages messages() {
        return messages(locale());
    }

    static StudioMessages messages(Locale locale) {
        return "ja".equals(locale.getLanguage()) ? MessageBundles.get(StudioMessages.class, Localized.Literal.of("ja"))
                : MessageBundles.get(StudioMessages.class);
    }

    /** A page for {@code caller} (null on the pages before sign-in) in the request's language, with the studio's headers. */
    Response page(Response.ResponseBuilder r, TemplateInstance t, Caller caller) {
        Locale locale = locale();
        if (caller != null) {
            User me = User.findById(UUID.fromString(caller.userId()));
            t.data("nav", new Nav(me == null ? "" : me.name, caller.role().id(), caller.role().atLeast(Role.EDITOR), caller.admin(),
                    csrf(caller)));
        }
        // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts,
        // which the CORS filter refuses. Tokens in addresses (invitations) never leave the origin.
        r.entity(t.setLocale(locale).data("lang", locale.getLanguage()).data("languages", StudioLanguage.KNOWN).render())
                .type("text/html; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.VARY, "Cookie, Accept-Language");
        String asked = request().getParam("lang");
        if (asked != null && StudioLanguage.KNOWN.contains(asked)) {
            r.header(HttpHeaders.SET_COOKIE, StudioLanguage.COOKIE + "=" + asked + "; Path=/studio; Max-Age=31536000; Secure;"
                    + " HttpOnly; SameSite=Strict");
        }
        return r.build();
    }

    private String cookie(String name) {
        Cookie c = request().getCookie(name);
        return c == null ? null : c.getValue();
    }

    private HttpServerRequest request() {
        return current.getCurrent().request();
    }
}
