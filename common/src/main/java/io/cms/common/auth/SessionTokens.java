package io.cms.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Session tokens: JWTs signed with HMAC-SHA256 under a key every service holds
 * ({@code cms.sessions.key}, or the shared key file of the local stack), so that each service checks
 * a caller without asking post-service. A shared symmetric key gives a service no power it lacks:
 * every service already holds the bootstrap admin token. The token names the user, the role it was
 * issued for and its session; sign-out and changes to the user end the session through
 * {@link RevokedSessions}.
 */
@ApplicationScoped
public class SessionTokens {

    static final String ISSUER = "cms";
    private static final String ROLE = "role";

    private final HmacKey key;
    private final Duration lifetime;
    private final JwtConsumer consumer;

    SessionTokens() {
        this(ConfigProvider.getConfig());
    }

    SessionTokens(Config config) {
        this(KeptKeys.fromConfig(config, "cms.sessions", "session tokens are signed with it"),
                config.getOptionalValue("cms.sessions.lifetime", Duration.class).orElse(Duration.ofHours(1)));
    }

    public SessionTokens(byte[] key, Duration lifetime) {
        this.key = new HmacKey(key);
        this.lifetime = lifetime;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(ISSUER)
                .setAllowedClockSkewInSeconds(5)
                .setVerificationKey(this.key)
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** What a valid token says. */
    public record Session(String userId, Role role, String sessionId, Instant expiresAt) {
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Issued issue(String userId, Role role, String sessionId, Instant now) {
        Instant expires = now.plus(lifetime);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(userId);
        claims.setJwtId(sessionId);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setStringClaim(ROLE, role.id());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return new Issued(jws.getCompactSerialization(), Instant.ofEpochSecond(expires.getEpochSecond()));
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
    }

    /** The session of a token signed here and not expired; empty for anything else. */
    public Optional<Session> verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Optional<Role> role = Role.of(claims.getStringClaimValue(ROLE));
            return role.map(r -> {
                try {
                    return new Session(claims.getSubject(), r, claims.getJwtId(),
                            Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
                } catch (MalformedClaimException e) {
                    return null;
                }
            });
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /**
     * The CSRF token of a session that travels in a cookie: an HMAC of the session's id under the
     * session key, so every service checks it without state, and a page on another site, which can
     * make the browser send the cookie but cannot read anything of ours, cannot know it.
     */
    public String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("csrf:" + sessionId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a CSRF token", e);
        }
    }

    /** Whether a bearer value has the shape of a token of ours (three base64url parts), not an opaque key. */
    public static boolean looksLikeToken(String bearer) {
        int first = bearer.indexOf('.');
        return first > 0 && bearer.indexOf('.', first + 1) > first + 1 && bearer.chars().filter(c -> c == '.').count() == 2;
    }
}
