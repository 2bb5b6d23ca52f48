package io.cms.render.rest;

import java.util.UUID;

import io.cms.common.cache.Representation;
import io.cms.common.cache.ViewCache;

/** A render as served: its JSON and its HTML, each serialised once, with tags and gzip variants. */
record RenderedView(UUID id, String slug, long version, Representation json, Representation html)
        implements ViewCache.View {

    @Override
    public long bytes() {
        return json.bytes() + html.bytes() + 128;
    }
}
