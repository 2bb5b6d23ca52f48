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
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/keys\"}"));
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
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
