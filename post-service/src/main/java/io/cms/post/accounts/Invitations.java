package io.cms.post.accounts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.auth.UrlTokens;
import io.cms.common.rest.IdOrSlug;
import io.cms.common.rest.Lifetimes;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.audit.AuditLog;
import io.cms.post.audit.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invitations: whoever may add a user of a role may instead invite someone to make that account
 * themselves, choosing their own password. The link works once, until it expires or is revoked; a
 * new invitation to the same address replaces the pending one. The CMS sends no mail: the inviter
 * passes the link on.
 */
@ApplicationScoped
public class Invitations {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    public static final int MAX_PENDING = 1_000;
    private static final String PENDING = "accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()";

    private final EntityManager em;
    private final Users users;
    private final AuditLog audit;
    private final String publicUrl;

    Invitations(EntityManager em, Users users, AuditLog audit,
            @ConfigProperty(name = "cms.invitations.public-url") String publicUrl) {
        this.em = em;
        this.users = users;
        this.audit = audit;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** An invitation as listed; {@code url} only in the answer that made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String email, String role, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime expiresAt, String url) {
    }

    /** What a link invites to: shown to the person who opens it. */
    public record Pending(String email, String role, OffsetDateTime expiresAt) {
    }

    @Transactional
    public View invite(Caller caller, String email, String role, String expiresIn) {
        Role r = Users.role(role, true);
        String address = Users.email(email);
        if (r == Role.OWNER) {
            throw ProblemException.invalid("role", "an owner is not invited: the owner hands ownership on");
        }
        if (!Users.mayAssign(caller, r)) {
            throw Users.forbidden(caller, "invite " + r.id() + "s");
        }
        Users.requireFreeEmail(address, null);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime expiresAt = now.plus(Lifetimes.parse("expiresIn", expiresIn, DEFAULT_LIFETIME, MIN_LIFETIME, MAX_LIFETIME));
        em.createNativeQuery("UPDATE invitation SET revoked_at = now() WHERE lower(email) = lower(?1) AND " + PENDING)
                .setParameter(1, address).executeUpdate();
        long pending = ((Number) em.createNativeQuery("SELECT count(*) FROM invitation WHERE " + PENDING).getSingleResult())
                .longValue();
        if (pending >= MAX_PENDING) {
            throw new ProblemException(Kind.CONFLICT, "There are " + MAX_PENDING + " pending invitations; revoke some first");
        }
        String token = UrlTokens.generate();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO invitation (id, email, role, token_hash, created_at, created_by, expires_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, id).setParameter(2, address).setParameter(3, r.id())
                .setParameter(4, UrlTokens.hash(token)).setParameter(5, now).setParameter(6, caller.actor())
                .setParameter(7, expiresAt).executeUpdate();
        audit.record(caller.actor(), "invitation.created", "invitation:" + id, Map.of("email", address, "role", r.id()));
        return new View(id.toString(), address, r.id(), now, caller.actor(), expiresAt, publicUrl + "/studio/invitations/" + token);
    }

    /** Pending invitations, for those who may invite (editors and above). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<View> list(Caller caller) {
        if (!Users.mayAssign(caller, Role.CONTRIBUTOR)) {
            throw Users.forbidden(caller, "see invitations");
        }
        List<Object[]> rows = em.createNativeQuery("SELECT id, email, role, created_at, created_by, expires_at FROM invitation"
                + " WHERE " + PENDING + " ORDER BY created_at, id").getResultList();
        return rows.stream().map(r -> new View(r[0].toString(), (String) r[1], (String) r[2], SqlTimes.utc(r[3]), (String) r[4],
                SqlTimes.utc(r[5]), null)).toList();
    }

    @Transactional
    public void revoke(Caller caller, String id) {
        UUID uuid = IdOrSlug.id(id);
        List<?> roles = uuid == null ? List.of() : em.createNativeQuery("SELECT role FROM invitation WHERE id = ?1 AND "
                + PENDING).setParameter(1, uuid).getResultList();
        if (roles.isEmpty()) {
            throw ProblemException.notFound("Invitation " + id + " does not exist, or was used, revoked or expired");
        }
        if (!Users.mayAssign(caller, Role.of((String) roles.get(0)).orElseThrow())) {
            throw Users.forbidden(caller, "revoke invitations of " + roles.get(0) + "s");
        }
        em.createNativeQuery("UPDATE invitation SET revoked_at = now() WHERE id = ?1").setParameter(1, uuid).executeUpdate();
        audit.record(caller.actor(), "invitation.revoked", "invitation:" + id, Map.of());
    }

    /** What a token invites to, while it may still be used. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Pending> pending(String token) {
        if (!UrlTokens.wellFormed(token)) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNativeQuery("SELECT email, role, expires_at FROM invitation WHERE token_hash = ?1 AND "
                + PENDING).setParameter(1, UrlTokens.hash(token)).getResultList();
        return rows.stream().findFirst().map(r -> new Pending((String) r[0], (String) r[1], SqlTimes.utc(r[2])));
    }

    /** Makes the invited account, with the name and password its person chose; the link is then spent. */
    public User accept(String token, String name, String password) {
        Pending invited = pending(token).orElseThrow(Invitations::gone);
        String n = Users.name(name);
        Passwords.checkPolicy("password", password, invited.email(), n);
        return claim(token, n, Passwords.hash(password)); // hashed outside the transaction: a tenth of a second
    }

    @Transactional
    @SuppressWarnings("unchecked")
    User claim(String token, String name, String hash) {
        List<Object[]> rows = em.createNativeQuery("UPDATE invitation SET accepted_at = now() WHERE token_hash = ?1 AND "
                + PENDING + " RETURNING id, email, role, created_by").setParameter(1, UrlTokens.hash(token)).getResultList();
        if (rows.isEmpty()) {
            throw gone(); // used, or revoked, between the look and now
        }
        Object[] r = rows.get(0);
        User user = users.insert((String) r[3], (String) r[1], name, Role.of((String) r[2]).orElseThrow(), hash);
        em.createNativeQuery("UPDATE invitation SET accepted_user_id = ?1 WHERE id = ?2").setParameter(1, user.id)
                .setParameter(2, r[0]).executeUpdate();
        audit.record("user:" + user.id, "invitation.accepted", "invitation:" + r[0], Map.of("email", user.email));
        return user;
    }

    private static ProblemException gone() {
        return ProblemException.notFound("No such invitation, or it was used, revoked or has expired; ask for a new one");
    }
}
