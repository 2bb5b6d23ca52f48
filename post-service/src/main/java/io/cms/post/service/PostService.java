package io.cms.post.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.cms.common.auth.Caller;
import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.rest.IdOrSlug;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.common.text.Slugs;
import io.cms.post.Post;
import io.cms.post.PostStatus;
import io.cms.post.accounts.User;
import io.cms.post.messaging.PostEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * Every write to a post goes through here: one transaction holds the post's row lock, the change,
 * its revision and its outbox event, so an event exists exactly when its change committed.
 */
@ApplicationScoped
public class PostService {

    /**
     * Front-matter keys that the importer reads into fields of their own (and the exporter writes
     * from them). They cannot also live in {@code frontMatter}: a round trip would not be exact.
     */
    public static final Set<String> RESERVED_KEYS = Set.of("title", "slug", "date", "excerpt", "author", "lang",
            "layout", "tags", "tag", "categories", "category", "published", "draft", "status");

    private final ChangeLog changeLog;
    private final Validator validator;
    private final Clock clock;

    PostService(ChangeLog changeLog, Validator validator) {
        this.changeLog = changeLog;
        this.validator = validator;
        this.clock = Clock.systemUTC();
    }

    public Optional<Post> find(String idOrSlug) {
        UUID id = IdOrSlug.id(idOrSlug);
        if (id != null) {
            Optional<Post> byId = Post.findByIdOptional(id);
            if (byId.isPresent()) {
                return byId;
            }
        }
        return Post.find("slug", idOrSlug).firstResultOptional();
    }

    /** A post written by a user or the admin token, as {@link PostRules} allow; the user owns it. */
    @Transactional
    public Post create(PostInput input, Caller caller) {
        return create(input, caller, caller.actor());
    }

    /** A post written by the service itself (an import). */
    @Transactional
    public Post create(PostInput input, String actor) {
        return create(input, null, actor);
    }

    private Post create(PostInput input, Caller caller, String actor) {
        check(input);
        PostRules.create(caller, input.status() == null ? PostStatus.DRAFT : PostStatus.fromWire(input.status()));
        OffsetDateTime now = now();
        Post post = new Post();
        post.id = UUID.randomUUID();
        post.ownerId = caller != null && caller.kind() == Caller.Kind.USER ? UUID.fromString(caller.userId()) : null;
        post.createdAt = now;
        if (input.slug() != null) {
            requireFreeSlug(input.slug(), null);
            post.slug = input.slug();
        } else {
            post.slug = uniqueSlug(Slugs.slugify(input.title()));
        }
        PostInputs.apply(post, input, PostStatus.DRAFT, now);
        post.version = 1;
        post.updatedAt = now;
        post.persist();
        changeLog.record(post, PostEventType.CREATED, List.of(), actor);
        return post;
    }

    /**
     * Replaces the editable fields. A missing {@code status} keeps the current one, so editing text
     * never unpublishes by accident. A request that changes nothing changes no version.
     */
    @Transactional
    public Post update(UUID id, PostInput input, Long expectedVersion, Caller caller) {
        return update(id, input, expectedVersion, caller, caller.actor());
    }

    @Transactional
    public Post update(UUID id, PostInput input, Long expectedVersion, String actor) {
        return update(id, input, expectedVersion, null, actor);
    }

    private Post update(UUID id, PostInput input, Long expectedVersion, Caller caller, String actor) {
        check(input);
        Post post = lockForChange(id, expectedVersion);
        PostRules.edit(caller, post, input.status() == null ? post.status : PostStatus.fromWire(input.status()));
        if (input.slug() != null && !input.slug().equals(post.slug)) {
            requireFreeSlug(input.slug(), id);
        }
        PostChangedEvent before = ChangeLog.snapshot(post, List.of());
        PostStatus oldStatus = post.status;
        OffsetDateTime now = now();
        if (input.slug() != null) {
            post.slug = input.slug();
        }
        PostInputs.apply(post, input, post.status, now);
        return commitChange(post, before, oldStatus, actor, now);
    }

    @Transactional
    public Post setStatus(UUID id, PostStatus status, Caller caller) {
        Post post = lockForChange(id, null);
        PostRules.edit(caller, post, status);
        String actor = caller.actor();
        if (post.status == status) {
            return post;
        }
        PostChangedEvent before = ChangeLog.snapshot(post, List.of());
        PostStatus oldStatus = post.status;
        OffsetDateTime now = now();
        post.status = status;
        if (status == PostStatus.PUBLISHED && (post.publishedAt == null || post.publishedAt.isAfter(now))) {
            post.publishedAt = now;
        }
        return commitChange(post, before, oldStatus, actor, now);
    }

    /**
     * Hands a post to a user ({@code userId}), or to no one (null), as {@link PostRules#changeOwner}
     * allows. A change of owner is a change of the post: a new version, a revision, an event.
     */
    @Transactional
    public Post changeOwner(UUID id, String userId, Long expectedVersion, Caller caller) {
        Post post = lockForChange(id, expectedVersion);
        User owner = null;
        if (userId != null) {
            UUID uuid = IdOrSlug.id(userId);
            owner = uuid == null ? null : User.findById(uuid);
            if (owner == null) {
                throw ProblemException.invalid("userId", "names no user");
            }
        }
        User self = caller.kind() == Caller.Kind.USER ? User.findById(UUID.fromString(caller.userId())) : null;
        PostRules.changeOwner(caller, post, owner == null ? null : owner.id, self == null ? null : self.name);
        UUID newOwner = owner == null ? null : owner.id;
        if (java.util.Objects.equals(post.ownerId, newOwner)) {
            return post;
        }
        post.ownerId = newOwner;
        post.version++;
        post.updatedAt = now();
        changeLog.record(post, PostEventType.UPDATED, List.of("ownerId"), caller.actor());
        return post;
    }

    /**
     * Changes the tags or author of a post that the caller's transaction has locked: a tag's or
     * author's rename, merge or deletion reaching each post that names it, as a change of the post.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void renameTerms(Post post, Consumer<Post> change, String actor) {
        PostChangedEvent before = ChangeLog.snapshot(post, List.of());
        change.accept(post);
        post.nameTerms();
        commitChange(post, before, post.status, actor, now());
    }

    @Transactional
    public void delete(UUID id, Long expectedVersion, Caller caller) {
        Post post = lockForChange(id, expectedVersion);
        PostRules.delete(caller, post);
        changeLog.recordDeletion(post, caller.actor(), now());
        post.delete();
    }

    /** Publishes scheduled posts whose time has come; safe to run on every replica at once. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int publishDue(int limit) {
        List<Post> due = Post.getEntityManager().createNativeQuery(
                "SELECT * FROM post WHERE status = 'scheduled' AND published_at <= now() "
                        + "ORDER BY published_at LIMIT :limit FOR UPDATE SKIP LOCKED", Post.class)
                .setParameter("limit", limit)
                .getResultList();
        for (Post post : due) {
            PostChangedEvent before = ChangeLog.snapshot(post, List.of());
            post.status = PostStatus.PUBLISHED;
            commitChange(post, before, PostStatus.SCHEDULED, "scheduler", now());
        }
        return due.size();
    }

    private Post commitChange(Post post, PostChangedEvent before, PostStatus oldStatus, String actor,
            OffsetDateTime now) {
        List<String> changed = ChangeLog.changedFields(before, ChangeLog.snapshot(post, List.of()));
        if (changed.isEmpty()) {
            return post;
        }
        post.version++;
        post.updatedAt = now;
        changeLog.record(post, eventType(oldStatus, post.status), changed, actor);
        return post;
    }

    private static PostEventType eventType(PostStatus before, PostStatus after) {
        if (before != PostStatus.PUBLISHED && after == PostStatus.PUBLISHED) {
            return PostEventType.PUBLISHED;
        }
        if (before == PostStatus.PUBLISHED && after != PostStatus.PUBLISHED) {
            return PostEventType.UNPUBLISHED;
        }
        return PostEventType.UPDATED;
    }

    private void check(PostInput input) {
        if (input == null) {
            throw ProblemException.invalid("body", "a JSON object with the post is required");
        }
        var violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (input.frontMatter() != null) {
            for (String key : input.frontMatter().keySet()) {
                if (RESERVED_KEYS.contains(key)) {
                    throw ProblemException.invalid("frontMatter." + key, "is a field of the post; set it there");
                }
            }
        }
    }

    private Post lockForChange(UUID id, Long expectedVersion) {
        Post post = Post.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (post == null) {
            throw ProblemException.notFound("Post " + id + " does not exist");
        }
        if (expectedVersion != null && expectedVersion != post.version) {
            throw new ProblemException(Kind.PRECONDITION_FAILED,
                    "The post is at version " + post.version + ", not " + expectedVersion + " as If-Match expects");
        }
        return post;
    }

    private void requireFreeSlug(String slug, UUID owner) {
        Post other = Post.find("slug", slug).firstResult();
        if (other != null && !other.id.equals(owner)) {
            throw new ProblemException(Kind.CONFLICT, "The slug '" + slug + "' belongs to another post",
                    List.of(new Problem.FieldError("slug", "is already taken")));
        }
    }

    private String uniqueSlug(String base) {
        String candidate = base;
        for (int n = 2; Post.count("slug", candidate) > 0; n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    private OffsetDateTime now() {
        // PostgreSQL keeps microseconds; truncating here makes what we return equal what we store.
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
