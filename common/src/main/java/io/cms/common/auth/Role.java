package io.cms.common.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a staff user may do, Ghost's staff roles, most powerful first: the owner (one; everything,
 * and ownership can be handed on), admins (everything but ownership), editors (every post, and
 * authors and contributors), authors (their own posts, published) and contributors (their own
 * drafts).
 */
public enum Role {
    OWNER, ADMIN, EDITOR, AUTHOR, CONTRIBUTOR;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String id) {
        return id == null ? Optional.empty()
                : Arrays.stream(values()).filter(r -> r.id().equals(id.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** Whether this role may do what {@code other} may. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * Whether a user of this role may give {@code role} to someone (by creating or changing a user):
     * admins every role but the owner's (that is a transfer); editors authors and contributors.
     */
    public boolean mayAssign(Role role) {
        return switch (this) {
            case OWNER, ADMIN -> role != OWNER;
            case EDITOR -> role == AUTHOR || role == CONTRIBUTOR;
            default -> false;
        };
    }
}
