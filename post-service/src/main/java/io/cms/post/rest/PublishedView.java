package io.cms.post.rest;

import java.util.UUID;

import io.cms.common.cache.Representation;
import io.cms.common.cache.ViewCache;

/** A published post as anonymous readers get it, serialised once. */
record PublishedView(UUID id, String slug, long version, Representation json) implements ViewCache.View {

    @Override
    public long bytes() {
        return json.bytes() + 96;
    }
}
