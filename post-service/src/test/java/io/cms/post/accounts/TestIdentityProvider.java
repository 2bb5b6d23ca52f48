package io.cms.post.accounts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * An OpenID Connect provider for the tests, as far as the CMS sees one: a discovery document and a
 * key set over HTTP, and ID tokens signed with the key it publishes (RS256), or, to be refused, with
 * one it does not.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "cms-studio";
    public static final String ROLE_CLAIM = "realm_access.roles";
    public static final String ROLES = "cms-admin=admin,cms-editor=editor,cms-writer=author";

    private static TestIdentityProvider shared;

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final RsaJsonWebKey stranger;

    private TestIdentityProvider() throws IOException, JoseException {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("test-key");
        stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("test-key");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/keys\",\"authorization_endpoint\":\""
                        + issuer() + "/authorize\",\"token_endpoint\":\"" + issuer() + "/token\"}"));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/keys", exchange -> answer(exchange,
                new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        server.start();
    }

    /** One per test JVM, like the broker and the database. */
    public static synchronized TestIdentityProvider shared() {
        if (shared == null) {
            try {
                shared = new TestIdentityProvider();
            } catch (IOException | JoseException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Who signs in at the provider's next authorization request (subject, email, roles), as a person would there. */
    public record Person(String subject, String email, List<String> roles) {
    }

    private record Grant(Person person, String clientId, String redirectUri, String nonce, String challenge) {
    }

    private volatile Person next;
    private final Map<String, Grant> grants = new java.util.concurrent.ConcurrentHashMap<>();

    /** The person the next authorization request signs in. */
    public void nextSignIn(Person person) {
        next = person;
    }

    /** Authorization code flow: the person is signed in already; back to the client with a code (S256 PKCE required). */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null
                || !CLIENT_ID.equals(q.get("client_id")) || next == null) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = java.util.UUID.randomUUID().toString();
        grants.put(code, new Grant(next, q.get("client_id"), q.get("redirect_uri"), q.get("nonce"), q.get("code_challenge")));
        exchange.getResponseHeaders().set("Location", q.get("redirect_uri") + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The code for an ID token, once, when the verifier matches the challenge and the redirect is the same. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant g = f.get("code") == null ? null : grants.remove(f.get("code"));
        String verifier = f.getOrDefault("code_verifier", "");
        String challenge;
        try {
            challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (g == null || !"authorization_code".equals(f.get("grant_type")) || !g.challenge().equals(challenge)
                || !g.redirectUri().equals(f.get("redirect_uri")) || !g.clientId().equals(f.get("client_id"))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        JwtClaims c = claims(g.person().subject(), g.person().email(), true, g.person().roles(), issuer(), CLIENT_ID, 5);
        c.setClaim("nonce", g.nonce());
        answer(exchange, 200, "{\"token_type\":\"Bearer\",\"id_token\":\"" + sign(key, c) + "\"}");
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An ID token for the CMS, as the provider would issue it after a sign-in. */
    public String idToken(String subject, String email, boolean verified, List<String> roles) {
        return sign(key, claims(subject, email, verified, roles, issuer(), CLIENT_ID, 5));
    }

    /** The same, signed with a key the provider never published. */
    public String forged(String subject, String email, List<String> roles) {
        return sign(stranger, claims(subject, email, true, roles, issuer(), CLIENT_ID, 5));
    }

    /** A token with the given issuer, audience and minutes to live (negative: expired). */
    public String idToken(String subject, String email, List<String> roles, String issuer, String audience, int minutes) {
        return sign(key, claims(subject, email, true, roles, issuer, audience, minutes));
    }

    private static JwtClaims claims(String subject, String email, boolean verified, List<String> roles, String issuer,
            String audience, int minutes) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience(audience);
        c.setSubject(subject);
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(minutes);
        c.setClaim("email", email);
        c.setClaim("email_verified", verified);
        c.setClaim("name", "Provider user " + subject);
        c.setClaim("realm_access", Map.of("roles", roles));
        return c;
    }

    private static String sign(RsaJsonWebKey with, JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(with.getPrivateKey());
        jws.setKeyIdHeaderValue(with.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        answer(exchange, 200, body);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
