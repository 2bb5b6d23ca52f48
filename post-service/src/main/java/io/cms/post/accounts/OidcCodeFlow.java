package io.cms.post.accounts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.auth.UrlTokens;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Browser sign-in at the OpenID Connect provider: the authorization code flow with PKCE (S256), a
 * state against forged callbacks and a nonce against replayed tokens, both kept in a short-lived
 * cookie of the browser that began it. The ID token it brings back goes through {@link OidcSignIn}
 * like one handed to the API.
 */
@ApplicationScoped
public class OidcCodeFlow {

    /** The cookie that carries the flow's state, nonce and PKCE verifier from start to callback. */
    public static final String COOKIE = "cms_oidc";
    public static final int COOKIE_SECONDS = 600;
    private static final Logger LOG = Logger.getLogger(OidcCodeFlow.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Where to send the browser, and the cookie value to set for the callback. */
    public record Started(String location, String cookie) {
    }

    private final OidcSignIn oidc;
    private final String redirectUri;
    private final java.util.Optional<String> clientSecret;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    OidcCodeFlow(OidcSignIn oidc, @ConfigProperty(name = "cms.oidc.public-url") String publicUrl,
            @ConfigProperty(name = "cms.oidc.client-secret") java.util.Optional<String> clientSecret, ObjectMapper json) {
        this.oidc = oidc;
        this.redirectUri = publicUrl.replaceAll("/+$", "") + "/studio/oidc/callback";
        this.clientSecret = clientSecret.filter(s -> !s.isBlank());
        this.json = json;
    }

    public boolean enabled() {
        return oidc.settings().enabled();
    }

    /** Whether email and password sign-in stays open beside the provider. */
    public boolean passwordsAllowed() {
        return oidc.settings().localPasswords();
    }

    public Started start() {
        if (!enabled()) {
            throw ProblemException.notFound("Sign-in through an OpenID Connect provider is not set up (cms.oidc.issuer)");
        }
        String state = UrlTokens.generate();
        String nonce = UrlTokens.generate();
        String verifier = UrlTokens.generate();
        String location = oidc.endpoints().authorization() + "?" + form(Map.of("response_type", "code",
                "client_id", oidc.settings().clientId().get(), "redirect_uri", redirectUri, "scope", "openid email profile",
                "state", state, "nonce", nonce, "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        return new Started(location, state + "." + nonce + "." + verifier);
    }

    /** The callback: the state must be this browser's, the code is exchanged (with the verifier) for an ID token. */
    public Sessions.SignedIn finish(String code, String state, String cookie, String client) {
        String[] kept = cookie == null ? new String[0] : cookie.split("\\.");
        if (kept.length != 3 || state == null || !MessageDigest.isEqual(kept[0].getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(Kind.UNAUTHORIZED, "This sign-in was not begun in this browser, or took over 10 minutes;"
                    + " begin again");
        }
        if (code == null || code.isBlank()) {
            throw ProblemException.invalid("code", "is required: the provider's answer");
        }
        Map<String, String> body = new java.util.LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "client_id", oidc.settings().clientId().get(), "code_verifier", kept[2]));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(oidc.endpoints().token())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        clientSecret.ifPresent(secret -> r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (encode(oidc.settings().clientId().get()) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8))));
        String idToken;
        try {
            HttpResponse<byte[]> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
            idToken = answer.statusCode() == 200 ? json.readTree(answer.body()).path("id_token").asText("") : "";
            if (idToken.isEmpty()) {
                LOG.warnf("The provider's token endpoint answered %d without an ID token", answer.statusCode());
                throw new ProblemException(Kind.UNAUTHORIZED, "The provider did not complete the sign-in; begin again");
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("The provider's token endpoint did not answer: %s", e.toString());
            throw new ProblemException(Kind.UNAVAILABLE, "The OpenID Connect provider cannot be reached; try again shortly");
        }
        return oidc.signIn(idToken, client, kept[1]);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
