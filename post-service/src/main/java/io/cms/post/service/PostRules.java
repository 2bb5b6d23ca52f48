package io.cms.post.service;

import java.util.UUID;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.Post;
import io.cms.post.PostStatus;

/**
 * What each role may do with posts (Ghost's staff roles): editors and above every post; authors
 * their own, published or not; contributors their own drafts, never published or scheduled. The
 * admin token may do everything; a null caller is the service itself (import, the scheduler).
 * Checked inside the transaction that changes the post, on the row as locked.
 */
public final class PostRules {

    private PostRules() {
    }

    static void create(Caller caller, PostStatus status) {
        if (caller == null) {
            return;
        }
        requireStaff(caller);
        if (caller.role() == Role.CONTRIBUTOR && status != PostStatus.DRAFT) {
            throw forbidden(caller, "publish or schedule");
        }
    }

    /** An edit that leaves the post in {@code status} (its current one when the edit does not say). */
    static void edit(Caller caller, Post post, PostStatus status) {
        if (caller == null) {
            return;
        }
        requireStaff(caller);
        if (!mayTouch(caller, post)) {
            throw forbidden(caller, "change another's post");
        }
        if (caller.role() == Role.CONTRIBUTOR && (post.status != PostStatus.DRAFT || status != PostStatus.DRAFT)) {
            throw forbidden(caller, post.status != PostStatus.DRAFT ? "change a post once published or scheduled"
                    : "publish or schedule");
        }
    }

    static void delete(Caller caller, Post post) {
        edit(caller, post, PostStatus.DRAFT);
    }

    /**
     * Whether the caller may see a post that is not published (a draft, a scheduled post, any
     * post's revisions): editors and above all, others their own.
     */
    public static boolean mayRead(Caller caller, Post post) {
        return post.status == PostStatus.PUBLISHED || (!caller.anonymous() && mayTouch(caller, post));
    }

    /**
     * Who may change who owns a post: editors and above hand any post to anyone (or to no one). An
     * author or contributor may only claim a post no one owns whose author name (an import's front
     * matter) is their own name; a contributor only while it is a draft.
     */
    static void changeOwner(Caller caller, Post post, UUID newOwner, String callerName) {
        if (caller == null) {
            return;
        }
        requireStaff(caller);
        if (seesAll(caller)) {
            return;
        }
        boolean claim = newOwner != null && newOwner.toString().equals(caller.userId()) && post.ownerId == null
                && post.author != null && callerName != null && post.author.strip().equalsIgnoreCase(callerName.strip());
        if (!claim) {
            throw forbidden(caller, "hand posts on, or claim one whose author is not named as they are");
        }
        if (caller.role() == Role.CONTRIBUTOR && post.status != PostStatus.DRAFT) {
            throw forbidden(caller, "claim a post once published or scheduled");
        }
    }

    /**
     * Who may share a post's current text through a preview link (and list or revoke its links):
     * whoever may read it unpublished, so a contributor can show their own draft to a reviewer.
     */
    public static void share(Caller caller, Post post) {
        requireStaff(caller);
        if (!mayTouch(caller, post)) {
            throw forbidden(caller, "share another's post");
        }
    }

    /** Whether the caller may change the post as it is (pages leave out what they may not do). */
    public static boolean mayEdit(Caller caller, Post post) {
        return caller.staff() && mayTouch(caller, post) && (caller.role() != Role.CONTRIBUTOR || post.status == PostStatus.DRAFT);
    }

    /** Whether the caller may publish or schedule (contributors may not). */
    public static boolean mayPublish(Caller caller) {
        return caller.staff() && caller.role() != Role.CONTRIBUTOR;
    }

    /** Whether the caller sees every post unpublished, or only their own. */
    public static boolean seesAll(Caller caller) {
        return caller.role() != null && caller.role().atLeast(Role.EDITOR);
    }

    /** Whether the post is the caller's own: a user's, made with their session. */
    public static boolean owns(Caller caller, Post post) {
        return caller.kind() == Caller.Kind.USER && post.ownerId != null && post.ownerId.toString().equals(caller.userId());
    }

    private static boolean mayTouch(Caller caller, Post post) {
        return seesAll(caller) || owns(caller, post);
    }

    private static void requireStaff(Caller caller) {
        if (caller.anonymous()) {
            throw new ProblemException(Kind.UNAUTHORIZED, "Writing posts needs a session or the admin token");
        }
        if (!caller.staff()) {
            throw forbidden(caller, "write: it reads published content only");
        }
    }

    private static ProblemException forbidden(Caller caller, String what) {
        return new ProblemException(Kind.FORBIDDEN, caller.describe() + " may not " + what);
    }
}
