package io.cms.post.accounts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.auth.Role;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.audit.AuditLog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jboss.logging.Logger;

/**
 * Sign-in through an external OpenID Connect provider: the client (the studio, a script) signs in
 * at the provider and hands its ID token here; this checks it (signature against the provider's
 * published keys, issuer, audience, expiry), maps the provider's roles to a CMS role, finds or makes
 * the staff account, and opens an ordinary session, so every service goes on checking one kind of
 * token. The provider is the source of the role: a changed role takes effect at the next sign-in
 * and ends the user's other sessions.
 */
@ApplicationScoped
public class OidcSignIn {

    private static final Logger LOG = Logger.getLogger(OidcSignIn.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final OidcSettings settings;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final ObjectMapper json;
    private volatile JwtConsumer consumer;

    OidcSignIn(@ConfigProperty(name = "cms.oidc.issuer") Optional<String> issuer,
            @ConfigProperty(name = "cms.oidc.client-id") Optional<String> clientId,
            @ConfigProperty(name = "cms.oidc.role-claim") String roleClaim,
            @ConfigProperty(name = "cms.oidc.roles") Optional<String> roles,
            @ConfigProperty(name = "cms.oidc.email-claim") String emailClaim,
            @ConfigProperty(name = "cms.oidc.name-claim") String nameClaim,
            @ConfigProperty(name = "cms.oidc.only") boolean only,
            Sessions sessions, SignInThrottle throttle, AuditLog audit, ObjectMapper json) {
        this.settings = OidcSettings.of(issuer, clientId, roleClaim, roles, emailClaim, nameClaim, !only);
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.json = json;
    }

    /** Built at start-up, so a wrong setting stops the service at once. */
    void onStart(@Observes StartupEvent ignored) {
        if (settings.enabled()) {
            LOG.infof("Staff may sign in through %s (client %s, roles from %s)", settings.issuer().get(),
                    settings.clientId().get(), settings.roleClaim());
        }
    }

    public OidcSettings settings() {
        return settings;
    }

    /** @throws ProblemException 404 when no provider is set, 401 for a token that does not check, 403 without a CMS role */
    public Sessions.SignedIn signIn(String idToken, String client) {
        return signIn(idToken, client, null);
    }

    /** @param nonce the nonce the sign-in began with (the studio's code flow), which the token must carry; null: none */
    public Sessions.SignedIn signIn(String idToken, String client, String nonce) {
        if (!settings.enabled()) {
            throw ProblemException.notFound("Sign-in through an OpenID Connect provider is not set up (cms.oidc.issuer)");
        }
        throttle.checkClient(client);
        if (idToken == null || idToken.isBlank()) {
            throw ProblemException.invalid("idToken", "is required: the ID token the provider issued");
        }
        JwtClaims claims;
        try {
            claims = consumer().processToClaims(idToken.strip());
        } catch (InvalidJwtException e) {
            throttle.failedClient(client);
            audit.record("anonymous", "sign-in.failed", settings.issuer().get(), Map.of("reason", "ID token refused"));
            LOG.debugf("ID token refused: %s", e.getMessage());
            throw new ProblemException(Kind.UNAUTHORIZED, "The ID token is not valid for this CMS (signature, issuer, audience"
                    + " or expiry)");
        }
        if (nonce != null && !nonce.equals(claims.getClaimValue("nonce"))) {
            throttle.failedClient(client);
            throw new ProblemException(Kind.UNAUTHORIZED, "The ID token was not issued for this sign-in (nonce)");
        }
        Role role = settings.roleOf(strings(claim(claims, settings.roleClaim()))).orElseThrow(() -> new ProblemException(
                Kind.FORBIDDEN, "The provider gives this user no role the CMS knows (claim " + settings.roleClaim() + ")"));
        return sessions.open(account(claims, role));
    }

    private JwtConsumer consumer() {
        JwtConsumer c = consumer;
        if (c == null) {
            HttpsJwks jwks = new HttpsJwks(jwksUri());
            c = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject().setAllowedClockSkewInSeconds(30)
                    .setExpectedIssuer(settings.issuer().get()).setExpectedAudience(settings.clientId().get())
                    .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
                            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .build();
            consumer = c;
        }
        return c;
    }

    /** The provider's key set, from its discovery document (the key set itself is refreshed by jose4j). */
    private String jwksUri() {
        return discovered("jwks_uri");
    }

    /** Where a browser signs in at the provider, and where a code is exchanged for tokens. */
    public record Endpoints(String authorization, String token) {
    }

    public Endpoints endpoints() {
        return new Endpoints(discovered("authorization_endpoint"), discovered("token_endpoint"));
    }

    private volatile com.fasterxml.jackson.databind.JsonNode discovery;

    /** A field of the provider's discovery document (read once, then kept). */
    private String discovered(String field) {
        String where = settings.issuer().get().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            com.fasterxml.jackson.databind.JsonNode d = discovery;
            if (d == null) {
                HttpResponse<byte[]> answer = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                        HttpRequest.newBuilder(URI.create(where)).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(where + " answered " + answer.statusCode());
                }
                d = json.readTree(answer.body());
                discovery = d;
            }
            String uri = d.path(field).asText("");
            if (uri.isEmpty()) {
                throw new IllegalStateException(where + " names no " + field);
            }
            return uri;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("Cannot read the OpenID Connect discovery document %s: %s", where, e.toString());
            throw new ProblemException(Kind.UNAVAILABLE, "The OpenID Connect provider cannot be reached; try again shortly");
        }
    }

    /**
     * The account of the token's subject: found by subject, else (an address the provider vouches
     * for) by email, else made. Its role follows the provider's, except an owner, who stays owner.
     */
    @Transactional
    User account(JwtClaims claims, Role role) {
        String subject = settings.issuer().get() + " " + claims.getClaimValueAsString("sub");
        String email = claims.getClaimValueAsString(settings.emailClaim());
        if (email == null || email.isBlank()) {
            throw new ProblemException(Kind.FORBIDDEN, "The ID token carries no " + settings.emailClaim() + " claim");
        }
        User user = User.find("oidcSubject", subject).firstResult();
        if (user == null) {
            user = User.find("lower(email) = lower(?1)", email.strip()).firstResult();
            if (user != null && (user.oidcSubject != null || !Boolean.TRUE.equals(claims.getClaimValue("email_verified")))) {
                throw new ProblemException(Kind.CONFLICT, "An account with this address exists; the provider must vouch for"
                        + " the address (email_verified) to sign in to it", List.of(new Problem.FieldError("email", "is taken")));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (user == null) {
            user = new User();
            user.id = UUID.randomUUID();
            user.email = Users.email(email);
            String name = claims.getClaimValueAsString(settings.nameClaim());
            user.name = name == null || name.isBlank() ? user.email : Users.name(name);
            user.roleId = role.id();
            user.createdAt = now;
            user.updatedAt = now;
            user.oidcSubject = subject;
            user.persist();
            audit.record("oidc", "user.created", "user:" + user.id, Map.of("email", user.email, "role", role.id()));
            return user;
        }
        user.oidcSubject = subject;
        if (user.role() != Role.OWNER && user.role() != role) {
            audit.record("oidc", "user.updated", "user:" + user.id, Map.of("role", role.id(), "was", user.roleId));
            user.roleId = role.id();
            user.updatedAt = now;
            sessions.endAll(user.id);
        }
        return user;
    }

    /** A claim by dotted path: {@code realm_access.roles} reads claims["realm_access"]["roles"]. */
    static Object claim(JwtClaims claims, String path) {
        Object value = claims.getClaimsMap();
        for (String part : path.split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(part) : null;
        }
        return value;
    }

    /** A list of roles, or one role, or a space-separated string of them (as scopes are). */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (value instanceof String s) {
            out.addAll(List.of(s.strip().split("\\s+")));
        }
        return out;
    }
}
