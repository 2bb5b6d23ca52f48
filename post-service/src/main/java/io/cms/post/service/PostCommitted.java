package io.cms.post.service;

import java.util.UUID;

/**
 * CDI event: a change to a post was committed (never fired for a rolled-back one), here or, read from
 * {@code cms.posts}, on another replica. {@link #everything()} (no id): changes may have been missed.
 */
public record PostCommitted(UUID id, String slug) {

    public static PostCommitted everything() {
        return new PostCommitted(null, null);
    }
}
