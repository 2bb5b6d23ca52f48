package io.cms.common.rest;

import java.util.UUID;

/** Reads address a post by id or by slug in the same path segment. */
public final class IdOrSlug {

    private IdOrSlug() {
    }

    /** The id this key names, or null when it is a slug. */
    public static UUID id(String idOrSlug) {
        try {
            return idOrSlug.length() == 36 ? UUID.fromString(idOrSlug) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
