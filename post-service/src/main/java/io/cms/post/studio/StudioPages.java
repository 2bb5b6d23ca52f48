package io.cms.post.studio;

import java.util.Locale;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Callers;
import io.cms.common.auth.SessionTokens;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.SessionCookies;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** What every studio page shares: who is signed in, the form token, the language, the headers. */
@ApplicationScoped
public class StudioPages {

    /** Pages that show staff data: never cached, never framed, no script from elsewhere. */
    static final String POLICY = "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final Callers callers;
    private final SessionTokens tokens;
    private final SessionCookies cookies;

    StudioPages(Callers callers, SessionTokens tokens, SessionCookies cookies) {
        this.callers = callers;
        this.tokens = tokens;
        this.cookies = cookies;
    }

    /** The signed-in user, or null (no session, or one that ended): the pages send them to sign in. */
    Caller signedIn(String authorization) {
        try {
            Caller caller = callers.of(authorization);
            return caller.kind() == Caller.Kind.USER ? caller : null;
        } catch (ProblemException ended) {
            return null;
        }
    }

    String csrf(Caller caller) {
        return tokens.csrfToken(caller.sessionId());
    }

    void requireCsrf(Caller caller, String sent) {
        if (!cookies.csrfMatches(caller.sessionId(), sent)) {
            throw ProblemException.invalid("csrf", "does not match the session: reload the page");
        }
    }

    static StudioMessages messages(Locale locale) {
        return "ja".equals(locale.getLanguage()) ? MessageBundles.get(StudioMessages.class, Localized.Literal.of("ja"))
                : MessageBundles.get(StudioMessages.class);
    }

    /** A page in its language, with the studio's headers; a language asked for is kept in a cookie. */
    static Response page(Response.ResponseBuilder r, TemplateInstance t, Locale locale, String asked) {
        r.entity(t.setLocale(locale).data("lang", locale.getLanguage()).data("languages", StudioLanguage.KNOWN).render())
                .type("text/html; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.VARY, "Cookie, Accept-Language");
        if (asked != null && StudioLanguage.KNOWN.contains(asked)) {
            r.header(HttpHeaders.SET_COOKIE, StudioLanguage.COOKIE + "=" + asked + "; Path=/studio; Max-Age=31536000; Secure;"
                    + " HttpOnly; SameSite=Strict");
        }
        return r.build();
    }
}
