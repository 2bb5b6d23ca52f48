package io.cms.common.auth;

/**
 * Who sent a request: nobody, the bootstrap token ({@code CMS_ADMIN_TOKEN}, owner-level, no user),
 * or a signed-in user with the role their session was issued for.
 */
public record Caller(Kind kind, String userId, Role role, String sessionId) {

    public enum Kind { ANONYMOUS, BOOTSTRAP, USER }

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null, null, null);
    public static final Caller BOOTSTRAP = new Caller(Kind.BOOTSTRAP, null, Role.OWNER, null);

    public static Caller user(String userId, Role role, String sessionId) {
        return new Caller(Kind.USER, userId, role, sessionId);
    }

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
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
        };
    }
}
