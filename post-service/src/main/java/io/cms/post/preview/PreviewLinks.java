package io.cms.post.preview;

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
import io.cms.common.auth.UrlTokens;
import io.cms.common.rest.IdOrSlug;
import io.cms.common.rest.Lifetimes;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.Post;
import io.cms.post.audit.AuditLog;
import io.cms.post.audit.SqlTimes;
import io.cms.post.service.PostRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Preview links: a URL that shows one post's current text, rendered by render-service, to whoever
 * holds it (a reviewer without an account), until it expires or is revoked. The token in it
 * ({@link UrlTokens}) is shown once; only its SHA-256 is kept, so the table cannot be read back into links.
 */
@ApplicationScoped
public class PreviewLinks {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
    public static final int MAX_PER_POST = 100;

    private final EntityManager em;
    private final AuditLog audit;
    private final String publicUrl;
    private final Duration maxLifetime;

    PreviewLinks(EntityManager em, AuditLog audit, @ConfigProperty(name = "cms.preview.public-url") String publicUrl,
            @ConfigProperty(name = "cms.preview.max-lifetime") Duration maxLifetime) {
        this.em = em;
        this.audit = audit;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.maxLifetime = maxLifetime;
    }

    /** A link as listed; {@code url} only in the answer that made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String postId, String url, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime expiresAt) {
    }

    /** What a valid token opens: the link and its post as it is now. */
    public record Opened(String linkId, OffsetDateTime expiresAt, Post post) {
    }

    @Transactional
    public View create(Caller caller, String postId, String expiresIn) {
        Post post = sharedPost(caller, postId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime expiresAt = expiry(now, expiresIn);
        long active = ((Number) em.createNativeQuery("SELECT count(*) FROM preview_link WHERE post_id = ?1"
                + " AND revoked_at IS NULL AND expires_at > now()").setParameter(1, post.id).getSingleResult()).longValue();
        if (active >= MAX_PER_POST) {
            throw new ProblemException(Kind.CONFLICT, "The post has " + MAX_PER_POST + " live preview links; revoke some first");
        }
        String token = UrlTokens.generate();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO preview_link (id, post_id, token_hash, created_at, created_by, expires_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, id).setParameter(2, post.id)
                .setParameter(3, UrlTokens.hash(token)).setParameter(4, now).setParameter(5, caller.actor())
                .setParameter(6, expiresAt).executeUpdate();
        audit.record(caller.actor(), "preview-link.created", "post:" + post.id,
                Map.of("link", id.toString(), "expiresAt", expiresAt.toString()));
        return new View(id.toString(), post.id.toString(), publicUrl + "/api/preview/" + token, now, caller.actor(), expiresAt);
    }

    /** The post's links that still open it (neither expired nor revoked), oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<View> list(Caller caller, String postId) {
        Post post = sharedPost(caller, postId);
        List<Object[]> rows = em.createNativeQuery("SELECT id, created_at, created_by, expires_at FROM preview_link"
                + " WHERE post_id = ?1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at, id")
                .setParameter(1, post.id).getResultList();
        return rows.stream().map(r -> new View(r[0].toString(), post.id.toString(), null, SqlTimes.utc(r[1]), (String) r[2],
                SqlTimes.utc(r[3]))).toList();
    }

    @Transactional
    public void revoke(Caller caller, String postId, String linkId) {
        Post post = sharedPost(caller, postId);
        UUID id = IdOrSlug.id(linkId);
        int revoked = id == null ? 0 : em.createNativeQuery("UPDATE preview_link SET revoked_at = now()"
                + " WHERE id = ?1 AND post_id = ?2 AND revoked_at IS NULL").setParameter(1, id).setParameter(2, post.id)
                .executeUpdate();
        if (revoked == 0) {
            throw ProblemException.notFound("Preview link " + linkId + " of post " + post.id + " does not exist or is revoked");
        }
        audit.record(caller.actor(), "preview-link.revoked", "post:" + post.id, Map.of("link", linkId));
    }

    /** The post a token opens now; empty for a token that is unknown, expired or revoked. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Opened> open(String token) {
        if (!UrlTokens.wellFormed(token)) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNativeQuery("SELECT id, post_id, expires_at FROM preview_link WHERE token_hash = ?1"
                + " AND revoked_at IS NULL AND expires_at > now()").setParameter(1, UrlTokens.hash(token)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        return Post.<Post>findByIdOptional((UUID) row[1])
                .map(post -> new Opened(row[0].toString(), SqlTimes.utc(row[2]), post));
    }

    private static Post sharedPost(Caller caller, String postId) {
        UUID id = IdOrSlug.id(postId);
        Post post = id == null ? null : Post.findById(id);
        if (post == null) {
            throw ProblemException.notFound("Post " + postId + " does not exist");
        }
        PostRules.share(caller, post);
        return post;
    }

    OffsetDateTime expiry(OffsetDateTime now, String expiresIn) {
        return now.plus(Lifetimes.parse("expiresIn", expiresIn, DEFAULT_LIFETIME, MIN_LIFETIME, maxLifetime));
    }
}
