package io.cms.post.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.auth.Caller;
import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.rest.ProblemException;
import io.cms.post.Post;
import io.cms.post.PostRevision;
import io.cms.post.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A post's history: every version as committed, a comparison of any two, and a restore, which
 * writes an old version's content as a new version (through {@link PostService#update}, so the
 * same rules, checks and events apply; the status, publication time and owner stay as they are).
 * Editors and above see every post's history, a deleted one's too; others their own posts'.
 */
@ApplicationScoped
public class Revisions {

    /** A field other than the Markdown whose value differs, as text. */
    public record FieldChange(String field, String before, String after) {
    }

    /** Two versions compared: the fields that differ, and the Markdown's changes in hunks. */
    public record Comparison(long from, long to, List<FieldChange> fields, List<TextDiff.Hunk> markdown) {
    }

    private final PostService posts;
    private final ObjectMapper json;
    private final AuditLog audit;

    Revisions(PostService posts, ObjectMapper json, AuditLog audit) {
        this.posts = posts;
        this.json = json;
        this.audit = audit;
    }

    /** Every version, oldest first. */
    @Transactional
    public List<PostRevision> list(Caller caller, UUID id) {
        requireVisible(caller, id);
        List<PostRevision> all = PostRevision.list("postId = ?1 order by version", id);
        if (all.isEmpty()) {
            throw ProblemException.notFound("Post " + id + " does not exist");
        }
        return all;
    }

    /** One version as committed (its JSON snapshot, the event's shape). */
    @Transactional
    public PostRevision get(Caller caller, UUID id, long version) {
        requireVisible(caller, id);
        PostRevision r = PostRevision.find("postId = ?1 and version = ?2", id, version).firstResult();
        if (r == null) {
            throw ProblemException.notFound("Version " + version + " of post " + id + " does not exist");
        }
        return r;
    }

    @Transactional
    public Comparison compare(Caller caller, UUID id, long from, long to) {
        PostChangedEvent a = snapshot(get(caller, id, from));
        PostChangedEvent b = snapshot(get(caller, id, to));
        List<FieldChange> fields = new ArrayList<>();
        field(fields, "title", a.title(), b.title());
        field(fields, "slug", a.slug(), b.slug());
        field(fields, "excerpt", a.excerpt(), b.excerpt());
        field(fields, "author", a.author(), b.author());
        field(fields, "tags", join(a.tags()), join(b.tags()));
        field(fields, "categories", join(a.categories()), join(b.categories()));
        field(fields, "lang", a.lang(), b.lang());
        field(fields, "layout", a.layout(), b.layout());
        field(fields, "status", a.status(), b.status());
        field(fields, "publishedAt", a.publishedAt() == null ? null : a.publishedAt().toInstant().toString(),
                b.publishedAt() == null ? null : b.publishedAt().toInstant().toString());
        field(fields, "frontMatter", text(a.frontMatter()), text(b.frontMatter()));
        return new Comparison(from, to, fields, TextDiff.of(a.markdown(), b.markdown()));
    }

    /**
     * A new version with {@code version}'s content: title, slug, Markdown, excerpt, author name, tags,
     * categories, language, layout and front matter. {@code expectedVersion}: the version the
     * restorer looked at (412 when someone changed the post since), or null.
     */
    @Transactional
    public Post restore(Caller caller, UUID id, long version, Long expectedVersion) {
        PostChangedEvent old = snapshot(get(caller, id, version));
        if (old.deleted()) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "Version " + version + " is the post's deletion");
        }
        Post current = Post.findById(id);
        if (current == null) {
            throw ProblemException.notFound("Post " + id + " does not exist");
        }
        PostInput input = new PostInput(old.slug(), old.title(), old.markdown(), old.excerpt(), old.author(), old.tags(),
                old.categories(), old.lang(), old.layout(), null, current.publishedAt, old.frontMatter());
        long before = current.version;
        Post post = posts.update(id, input, expectedVersion, caller);
        if (post.version != before) {
            audit.record(caller.actor(), "post.restored", "post:" + id, Map.of("from", version, "version", post.version));
        }
        return post;
    }

    private static void requireVisible(Caller caller, UUID id) {
        if (PostRules.seesAll(caller)) {
            return;
        }
        Post post = id == null ? null : Post.findById(id);
        if (post == null || !PostRules.owns(caller, post)) {
            throw ProblemException.notFound("Post " + id + " does not exist");
        }
    }

    private PostChangedEvent snapshot(PostRevision r) {
        try {
            return json.readValue(r.snapshot, PostChangedEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Version " + r.version + " of post " + r.postId + " is not readable", e);
        }
    }

    private static void field(List<FieldChange> out, String name, String before, String after) {
        if (!Objects.equals(before, after)) {
            out.add(new FieldChange(name, before, after));
        }
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    private String text(Map<String, Object> map) {
        try {
            return map == null || map.isEmpty() ? "" : json.writerWithDefaultPrettyPrinter().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            return String.valueOf(map);
        }
    }
}
