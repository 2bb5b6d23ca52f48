package io.cms.common.auth;

import io.cms.common.rest.ProblemException;

/**
 * Who sent a request: nobody, the bootstrap token ({@code CMS_ADMIN_TOKEN}, owner-level, no user),
 * a signed-in user with the role their session was issued for, or an API key: a content key reads
 * published content only, an admin key acts as an admin with no user. For a key, {@code userId}
 * holds the key's id.
 */
public record Caller(Kind kind, String userId, Role role, String sessionId) {

    public enum Kind { ANONYMOUS, BOOTSTRAP, USER, CONTENT_KEY, ADMIN_KEY }

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null, null, null);
    public static final Caller BOOTSTRAP = new Caller(Kind.BOOTSTRAP, null, Role.OWNER, null);

    public static Caller user(String userId, Role role, String sessionId) {
        return new Caller(Kind.USER, userId, role, sessionId);
    }

    public static Caller key(String keyId, boolean admin) {
        return admin ? new Caller(Kind.ADMIN_KEY, keyId, Role.ADMIN, null) : new Caller(Kind.CONTENT_KEY, keyId, null, null);
    }

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** May write: the admin token, a user, an admin key (not a content key, not nobody). */
    public boolean staff() {
        return role != null;
    }

    /**
     * Refuses all but staff (see {@link #staff()}): 401 for nobody, 403 for a content key, saying
     * "… may not {@code what}".
     */
    public void requireStaff(String what) {
        if (!staff()) {
            throw new ProblemException(anonymous() ? ProblemException.Kind.UNAUTHORIZED : ProblemException.Kind.FORBIDDEN,
                    describe() + " may not " + what);
        }
    }

    /** How refusals name the caller: "The editor role", "A content key". */
    public String describe() {
        return role == null ? (kind == Kind.CONTENT_KEY ? "A content key" : "An anonymous caller") : "The " + role.id() + " role";
    }

    /** May do what an admin may: the bootstrap token, the owner and admins. */
    public boolean admin() {
        return role != null && role.atLeast(Role.ADMIN);
    }

    /** How the audit trail and revisions name this caller ("admin" is the admin token, as before accounts). */
    public String actor() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous";
            case BOOTSTRAP -> "admin";
            case USER -> "user:" + userId;
            case CONTENT_KEY, ADMIN_KEY -> "key:" + userId;
        };
    }
}
