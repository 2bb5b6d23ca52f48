package io.cms.post.rest;

import java.time.OffsetDateTime;

import io.cms.common.auth.Role;
import io.cms.post.accounts.User;

/** A user as the API shows it: never the password's hash. */
public record UserView(String id, String email, String name, Role role, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static UserView of(User u) {
        return new UserView(u.id.toString(), u.email, u.name, u.role(), u.createdAt, u.updatedAt);
    }

    /** A page of users. */
    public record Page(java.util.List<UserView> items, long total, int page, int limit) {
    }
}
