package io.cms.post.taxonomy;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.messaging.TermChangedEvent;
import io.cms.common.rest.IdOrSlug;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.Post;
import io.cms.post.accounts.User;
import io.cms.post.service.PostService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Tags and authors: listed with their counts of published posts, written by editors and above.
 * Posts name their terms, so a rename, merge or deletion is also a change of every post that names
 * the term, each with its revision and event, in the one transaction of the term's change: the
 * views and search facets follow through the post events, the term's own fields through its event.
 */
@ApplicationScoped
public class Terms {

    /** A term with the number of published posts that name it. */
    public record Counted(Term term, long published) {
    }

    private final PostService posts;
    private final Validator validator;
    private final ObjectMapper json;
    private final int maxPostsPerChange;

    Terms(PostService posts, Validator validator, ObjectMapper json,
            @ConfigProperty(name = "cms.terms.max-posts-per-change") int maxPostsPerChange) {
        this.posts = posts;
        this.validator = validator;
        this.json = json;
        this.maxPostsPerChange = maxPostsPerChange;
    }

    @Transactional
    public List<Counted> list(TermKind kind, Caller caller, int page, int limit) {
        requireReader(caller);
        List<Term> terms = Term.find("kind = ?1 ORDER BY slug", kind.id()).page(page - 1, limit).list();
        Map<String, Long> counts = published(kind, terms.stream().map(t -> t.slug).toList());
        List<Counted> out = new ArrayList<>();
        for (Term t : terms) {
            out.add(new Counted(t, counts.getOrDefault(t.slug, 0L)));
        }
        return out;
    }

    public long count(TermKind kind) {
        return Term.count("kind", kind.id());
    }

    @Transactional
    public Counted get(TermKind kind, Caller caller, String idOrSlug) {
        requireReader(caller);
        Term t = find(kind, idOrSlug, false);
        return new Counted(t, published(kind, List.of(t.slug)).getOrDefault(t.slug, 0L));
    }

    @Transactional
    public Term create(TermKind kind, Caller caller, TermInput input) {
        requireEditor(caller, kind);
        check(kind, input);
        if (input.name() == null || input.name().isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        String name = input.name().strip();
        String slug = kind.slug(name);
        requireFree(kind, slug, null);
        Term t = new Term();
        t.kind = kind.id();
        t.slug = slug;
        t.name = name;
        t.id = Term.findById(kind.idFor(slug)) == null ? kind.idFor(slug) : UUID.randomUUID();
        t.createdAt = now();
        requireUserFree(input, null);
        apply(t, input);
        t.version = 1;
        t.updatedAt = t.createdAt;
        t.persist();
        event(t, "created", false, null);
        return t;
    }

    /**
     * Changes a term. A new name is given to every post that names the term (and a name with another
     * slug moves the term to that slug; one that belongs to another term is refused: that is a merge).
     */
    @Transactional
    public Term update(TermKind kind, Caller caller, String idOrSlug, TermInput input, Long expectedVersion) {
        requireEditor(caller, kind);
        check(kind, input);
        Term t = find(kind, idOrSlug, true);
        requireVersion(t, expectedVersion);
        String oldSlug = t.slug;
        String oldName = t.name;
        if (input.name() != null) {
            if (input.name().isBlank()) {
                throw ProblemException.invalid("name", "cannot be blank");
            }
            String name = input.name().strip();
            requireFree(kind, kind.slug(name), t.id); // before the entity changes: the query flushes it
            t.name = name;
            t.slug = kind.slug(name);
        }
        Snapshot before = Snapshot.of(t);
        requireUserFree(input, t.id);
        apply(t, input);
        boolean renamed = !t.name.equals(oldName);
        if (!renamed && before.equals(Snapshot.of(t))) {
            return t;
        }
        t.version++;
        t.updatedAt = now();
        Term.flush();
        if (renamed) {
            String name = t.name;
            rewrite(kind, oldSlug, caller, p -> replace(kind, p, oldSlug, name));
        }
        event(t, "updated", false, null);
        return t;
    }

    /** Gives every post of the term {@code idOrSlug} the term {@code into} instead, and deletes it. */
    @Transactional
    public Term merge(TermKind kind, Caller caller, String idOrSlug, String into) {
        requireEditor(caller, kind);
        if (into == null || into.isBlank()) {
            throw ProblemException.invalid("into", "names the " + kind.id() + " to merge into (id or slug)");
        }
        Term source = find(kind, idOrSlug, true);
        Term target = find(kind, into.strip(), true);
        if (source.id.equals(target.id)) {
            throw ProblemException.invalid("into", "is the " + kind.id() + " being merged");
        }
        rewrite(kind, source.slug, caller, p -> replace(kind, p, source.slug, target.name));
        source.version++;
        source.updatedAt = now();
        event(source, "merged", true, target.id);
        source.delete();
        return target;
    }

    /** Deletes a term and takes it off every post that names it. */
    @Transactional
    public void delete(TermKind kind, Caller caller, String idOrSlug, Long expectedVersion) {
        requireEditor(caller, kind);
        Term t = find(kind, idOrSlug, true);
        requireVersion(t, expectedVersion);
        rewrite(kind, t.slug, caller, p -> replace(kind, p, t.slug, null));
        t.version++;
        t.updatedAt = now();
        event(t, "deleted", true, null);
        t.delete();
    }

    /** {@code name} in place of each of the post's names with the slug {@code slug}; null takes them off. */
    private static void replace(TermKind kind, Post p, String slug, String name) {
        if (kind == TermKind.AUTHOR) {
            p.author = name;
            return;
        }
        List<String> tags = new ArrayList<>();
        for (String tag : p.tags) {
            String now = kind.slug(tag).equals(slug) ? name : tag;
            if (now != null && !tags.contains(now)) {
                tags.add(now);
            }
        }
        p.tags = tags;
    }

    @SuppressWarnings("unchecked")
    private void rewrite(TermKind kind, String slug, Caller caller, Consumer<Post> change) {
        String where = kind == TermKind.TAG ? "tag_slugs @> ARRAY[CAST(:slug AS varchar)]" : "author_slug = :slug";
        long carriers = ((Number) Post.getEntityManager().createNativeQuery("SELECT count(*) FROM post WHERE " + where)
                .setParameter("slug", slug).getSingleResult()).longValue();
        if (carriers > maxPostsPerChange) {
            throw new ProblemException(Kind.CONFLICT, "The " + kind.id() + " '" + slug + "' is named by " + carriers
                    + " posts; one change rewrites at most " + maxPostsPerChange + " (cms.terms.max-posts-per-change)");
        }
        // In id order, as every writer that locks several posts does: no deadlock between two of them.
        List<Post> named = Post.getEntityManager()
                .createNativeQuery("SELECT * FROM post WHERE " + where + " ORDER BY id FOR UPDATE", Post.class)
                .setParameter("slug", slug).getResultList();
        for (Post p : named) {
            posts.renameTerms(p, change, caller.actor());
        }
    }

    /** Published posts per slug, for a page of terms in one query (the tag GIN index, the author index). */
    private static Map<String, Long> published(TermKind kind, List<String> slugs) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        String sql = kind == TermKind.TAG
                ? "SELECT s, count(*) FROM post, unnest(tag_slugs) s WHERE status = 'published'"
                        + " AND tag_slugs && ? AND s = ANY(?) GROUP BY s"
                : "SELECT author_slug, count(*) FROM post WHERE status = 'published' AND author_slug = ANY(?) GROUP BY author_slug";
        return Post.getEntityManager().unwrap(Session.class).doReturningWork(c -> {
            Array array = c.createArrayOf("varchar", slugs.toArray());
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setArray(1, array);
                if (kind == TermKind.TAG) {
                    st.setArray(2, array);
                }
                Map<String, Long> out = new HashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    private Term find(TermKind kind, String idOrSlug, boolean lock) {
        UUID id = IdOrSlug.id(idOrSlug);
        Term t = id == null ? null : lock ? Term.findById(id, LockModeType.PESSIMISTIC_WRITE) : Term.findById(id);
        if (t == null || !kind.id().equals(t.kind)) {
            var q = Term.find("kind = ?1 AND slug = ?2", kind.id(), idOrSlug);
            t = lock ? q.withLock(LockModeType.PESSIMISTIC_WRITE).firstResult() : q.firstResult();
        }
        if (t == null || !kind.id().equals(t.kind)) {
            throw ProblemException.notFound("No " + kind.id() + " has the id or slug '" + idOrSlug + "'");
        }
        return t;
    }

    private static void requireVersion(Term t, Long expected) {
        if (expected != null && expected != t.version) {
            throw new ProblemException(Kind.PRECONDITION_FAILED,
                    "The " + t.kind + " is at version " + t.version + ", not " + expected + " as If-Match expects");
        }
    }

    private static void requireFree(TermKind kind, String slug, UUID self) {
        Term other = Term.find("kind = ?1 AND slug = ?2", kind.id(), slug).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw new ProblemException(Kind.CONFLICT, "The " + kind.id() + " '" + other.name + "' has the slug '" + slug
                    + "'; merge into it instead (POST /api/" + kind.plural() + "/{id}/merge)",
                    List.of(new Problem.FieldError("name", "gives the slug of another " + kind.id())));
        }
    }

    private static void requireUserFree(TermInput in, UUID self) {
        if (in.userId() == null || in.userId().isEmpty()) {
            return;
        }
        Term other = Term.find("userId", UUID.fromString(in.userId())).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw new ProblemException(Kind.CONFLICT, "The user is the author '" + other.name + "' already",
                    List.of(new Problem.FieldError("userId", "is another author's user")));
        }
    }

    private static void requireReader(Caller caller) {
        caller.requireStaff("read tags and authors here; published ones are in the Content API");
    }

    private static void requireEditor(Caller caller, TermKind kind) {
        requireReader(caller);
        if (!caller.role().atLeast(Role.EDITOR)) {
            throw new ProblemException(Kind.FORBIDDEN, caller.describe() + " may not change " + kind.plural());
        }
    }

    private void check(TermKind kind, TermInput in) {
        if (in == null) {
            throw ProblemException.invalid("body", "a JSON object with the " + kind.id() + " is required");
        }
        var violations = validator.validate(in);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (kind == TermKind.TAG) {
            refuse("coverImage", in.coverImage());
            refuse("website", in.website());
            refuse("location", in.location());
            refuse("twitter", in.twitter());
            refuse("facebook", in.facebook());
            refuse("userId", in.userId());
        } else {
            refuse("accentColor", in.accentColor());
            if (in.userId() != null && !in.userId().isEmpty() && User.findById(UUID.fromString(in.userId())) == null) {
                throw ProblemException.invalid("userId", "names no user");
            }
        }
    }

    private static void refuse(String field, String value) {
        if (value != null) {
            throw ProblemException.invalid(field, "is a field of authors, not of tags");
        }
    }

    private static void apply(Term t, TermInput in) {
        t.description = set(t.description, in.description());
        t.image = set(t.image, in.image());
        t.coverImage = set(t.coverImage, in.coverImage());
        t.website = set(t.website, in.website());
        t.location = set(t.location, in.location());
        t.twitter = set(t.twitter, in.twitter());
        t.facebook = set(t.facebook, in.facebook());
        t.accentColor = set(t.accentColor, in.accentColor());
        t.metaTitle = set(t.metaTitle, in.metaTitle());
        t.metaDescription = set(t.metaDescription, in.metaDescription());
        String user = set(t.userId == null ? null : t.userId.toString(), in.userId());
        t.userId = user == null ? null : UUID.fromString(user);
    }

    /** Absent keeps, empty clears. */
    private static String set(String current, String value) {
        return value == null ? current : value.isBlank() ? null : value.strip();
    }

    private void event(Term t, String type, boolean deleted, UUID mergedInto) {
        TermChangedEvent e = deleted
                ? new TermChangedEvent(t.kind, t.id, t.slug, t.name, null, null, null, null, null, null, null, null, null,
                        null, null, t.version, t.updatedAt, true, mergedInto)
                : new TermChangedEvent(t.kind, t.id, t.slug, t.name, t.description, t.image, t.coverImage, t.website,
                        t.location, t.twitter, t.facebook, t.accentColor, t.metaTitle, t.metaDescription, t.userId,
                        t.version, t.updatedAt, false, null);
        String payload;
        try {
            payload = json.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("A term could not be written as JSON", ex);
        }
        Term.getEntityManager().unwrap(Session.class).doWork(c -> TermRows.writeEvent(c, e, type, payload));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The fields a change may alter besides the name, to tell a change from a no-op. */
    private record Snapshot(List<Object> values) {
        static Snapshot of(Term t) {
            return new Snapshot(java.util.Arrays.asList(t.description, t.image, t.coverImage, t.website, t.location,
                    t.twitter, t.facebook, t.accentColor, t.metaTitle, t.metaDescription, t.userId));
        }
    }
}
