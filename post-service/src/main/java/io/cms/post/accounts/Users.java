package io.cms.post.accounts;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * Staff accounts and who may change them: owners and admins manage everyone but the owner; editors
 * add and manage authors and contributors; everyone may change their own name, address and
 * password. The first owner is made with the bootstrap token; after that there is one owner.
 */
@ApplicationScoped
public class Users {

    public static final int MAX_EMAIL = 254;
    public static final int MAX_NAME = 191;
    /** Enough for what one person types; not a check that the address receives mail. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Sessions sessions;
    private final AuditLog audit;

    Users(Sessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    public User create(Caller caller, UserInput in) {
        Role role = role(in.role(), true);
        String email = email(in.email());
        String name = name(in.name());
        if (role == Role.OWNER) {
            if (caller.kind() != Caller.Kind.BOOTSTRAP) {
                throw new ProblemException(Kind.FORBIDDEN, "Only the admin token makes the first owner; an owner hands ownership on");
            }
        } else if (!mayAssign(caller, role)) {
            throw forbidden(caller, "add " + role.id() + "s");
        }
        Passwords.checkPolicy("password", in.password(), email, name);
        String hash = Passwords.hash(in.password()); // outside the transaction: a tenth of a second
        return insert(caller.actor(), email, name, role, hash);
    }

    @Transactional
    User insert(String actor, String email, String name, Role role, String hash) {
        if (role == Role.OWNER && User.count("roleId", Role.OWNER.id()) > 0) {
            throw new ProblemException(Kind.CONFLICT, "There is an owner already; the owner hands ownership on");
        }
        requireFreeEmail(email, null);
        User u = new User();
        u.id = UUID.randomUUID();
        u.email = email;
        u.name = name;
        u.roleId = role.id();
        u.passwordHash = hash;
        u.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        u.updatedAt = u.createdAt;
        try {
            u.persistAndFlush();
            audit.record(actor, "user.created", "user:" + u.id, Map.of("email", email, "role", role.id()));
        } catch (PersistenceException e) {
            throw new ProblemException(Kind.CONFLICT, "email: an account with this address was just made",
                    List.of(new Problem.FieldError("email", "is taken")));
        }
        return u;
    }

    /** Everyone for owners, admins and editors; nobody else sees the staff list. */
    public List<User> list(Caller caller, int page, int limit) {
        if (caller.role() == null || !caller.role().atLeast(Role.EDITOR)) {
            throw forbidden(caller, "list the staff");
        }
        return User.<User>findAll(io.quarkus.panache.common.Sort.by("createdAt").and("id")).page(page - 1, limit).list();
    }

    public long count() {
        return User.count();
    }

    public User get(Caller caller, String id) {
        User u = find(id);
        if (!self(caller, u) && (caller.role() == null || !caller.role().atLeast(Role.EDITOR))) {
            throw forbidden(caller, "see other users");
        }
        return u;
    }

    public User me(Caller caller) {
        if (caller.kind() != Caller.Kind.USER) {
            throw new ProblemException(caller.anonymous() ? Kind.UNAUTHORIZED : Kind.VALIDATION,
                    caller.anonymous() ? "Sign in first" : "The admin token is not a user");
        }
        return find(caller.userId());
    }

    public User update(Caller caller, String id, UserInput in) {
        User current = find(id);
        boolean self = self(caller, current);
        if (!self && !manages(caller, current.role())) {
            throw forbidden(caller, "change this user");
        }
        Role role = in.role() == null ? current.role() : role(in.role(), false);
        if (role != current.role()) {
            if (self && current.role() == Role.OWNER) {
                throw new ProblemException(Kind.CONFLICT, "The owner keeps the owner's role until handing ownership on");
            }
            if (role == Role.OWNER || !mayAssign(caller, role) || !manages(caller, current.role())) {
                throw forbidden(caller, "give the " + role.id() + " role");
            }
        }
        String email = in.email() == null ? current.email : email(in.email());
        String name = in.name() == null ? current.name : name(in.name());
        String hash = null;
        if (in.password() != null) {
            if (self && caller.kind() == Caller.Kind.USER && !Passwords.verify(in.currentPassword(), current.passwordHash)) {
                throw ProblemException.invalid("currentPassword", "is required and must be your present password");
            }
            Passwords.checkPolicy("password", in.password(), email, name);
            hash = Passwords.hash(in.password());
        }
        return apply(caller.actor(), current.id, email, name, role, hash);
    }

    @Transactional
    User apply(String actor, UUID id, String email, String name, Role role, String hash) {
        User u = User.findById(id);
        if (u == null) {
            throw ProblemException.notFound("User " + id + " does not exist");
        }
        requireFreeEmail(email, u.id);
        boolean endSessions = !u.roleId.equals(role.id()) || hash != null;
        List<String> changed = new java.util.ArrayList<>();
        if (!u.email.equals(email)) {
            changed.add("email");
        }
        if (!u.name.equals(name)) {
            changed.add("name");
        }
        if (!u.roleId.equals(role.id())) {
            changed.add("role");
        }
        if (hash != null) {
            changed.add("password");
        }
        u.email = email;
        u.name = name;
        u.roleId = role.id();
        if (hash != null) {
            u.passwordHash = hash;
        }
        u.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (endSessions) {
            // A token carries the role it was issued for, and a new password shuts out whoever knew the old one.
            sessions.endAll(u.id);
        }
        if (!changed.isEmpty()) {
            audit.record(actor, "user.updated", "user:" + u.id, Map.of("changed", changed, "role", role.id()));
        }
        return u;
    }

    @Transactional
    public void delete(Caller caller, String id) {
        User u = find(id);
        if (u.role() == Role.OWNER) {
            throw new ProblemException(Kind.CONFLICT, "The owner cannot be deleted; the owner hands ownership on first");
        }
        if (!manages(caller, u.role())) {
            throw forbidden(caller, "delete this user");
        }
        sessions.endAll(u.id);
        u.delete();
        audit.record(caller.actor(), "user.deleted", "user:" + u.id, Map.of("email", u.email, "role", u.roleId));
    }

    /**
     * Hands ownership to another user: they become the owner, the owner before them an admin (both
     * sign in again). The owner may do it, and the admin token (when the owner is gone).
     */
    @Transactional
    public User transferOwnership(Caller caller, String id) {
        User target = find(id);
        boolean owner = caller.kind() == Caller.Kind.USER && caller.role() == Role.OWNER;
        if (!owner && caller.kind() != Caller.Kind.BOOTSTRAP) {
            throw forbidden(caller, "hand ownership on");
        }
        if (target.role() == Role.OWNER) {
            throw new ProblemException(Kind.CONFLICT, "This user is the owner already");
        }
        User previous = User.find("roleId", Role.OWNER.id()).firstResult();
        if (previous != null) {
            previous.roleId = Role.ADMIN.id();
            previous.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            previous.persistAndFlush(); // one owner at a time: the old one steps down before the new one steps up
            sessions.endAll(previous.id);
        }
        target.roleId = Role.OWNER.id();
        target.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        sessions.endAll(target.id);
        audit.record(caller.actor(), "user.ownership-transferred", "user:" + target.id,
                Map.of("from", previous == null ? "" : "user:" + previous.id));
        return target;
    }

    /** Whether the caller may change a user of {@code role}: a rank above it, or an admin for admins. */
    public static boolean manages(Caller caller, Role role) {
        if (caller.role() == null) {
            return false;
        }
        return switch (caller.role()) {
            case OWNER -> true;
            case ADMIN -> role != Role.OWNER;
            case EDITOR -> role == Role.AUTHOR || role == Role.CONTRIBUTOR;
            default -> false;
        };
    }

    public static boolean mayAssign(Caller caller, Role role) {
        return caller.role() != null && caller.role().mayAssign(role);
    }

    private static boolean self(Caller caller, User u) {
        return caller.kind() == Caller.Kind.USER && u.id.toString().equals(caller.userId());
    }

    static ProblemException forbidden(Caller caller, String what) {
        if (caller.anonymous()) {
            return new ProblemException(Kind.UNAUTHORIZED, "Sign in, or send the admin token, to " + what);
        }
        return new ProblemException(Kind.FORBIDDEN, caller.describe() + " may not " + what);
    }

    private static User find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("User " + id + " does not exist");
        }
        User u = User.findById(uuid);
        if (u == null) {
            throw ProblemException.notFound("User " + id + " does not exist");
        }
        return u;
    }

    static void requireFreeEmail(String email, UUID except) {
        User other = User.find("lower(email) = ?1", email.toLowerCase(Locale.ROOT)).firstResult();
        if (other != null && !other.id.equals(except)) {
            throw new ProblemException(Kind.CONFLICT, "email: an account with this address exists",
                    List.of(new Problem.FieldError("email", "is taken")));
        }
    }

    static Role role(String value, boolean required) {
        if (value == null) {
            if (required) {
                throw ProblemException.invalid("role", "is required: owner, admin, editor, author or contributor");
            }
            return null;
        }
        return Role.of(value).orElseThrow(() ->
                ProblemException.invalid("role", "must be one of owner, admin, editor, author, contributor"));
    }

    static String email(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("email", "is required");
        }
        String e = value.strip();
        if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches()) {
            throw ProblemException.invalid("email", "must be an email address of at most " + MAX_EMAIL + " characters");
        }
        return e;
    }

    static String name(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        String n = value.strip();
        if (n.codePointCount(0, n.length()) > MAX_NAME) {
            throw ProblemException.invalid("name", "must have at most " + MAX_NAME + " characters");
        }
        return n;
    }
}
