package io.cms.render.service;

import java.util.UUID;

/**
 * CDI event: the stored render of a post changed (a new version, or it is no longer served), here or
 * on another replica. {@link #everything()} (no id): changes may have been missed, drop every view.
 */
public record RenderChanged(UUID id, String slug) {

    public static RenderChanged everything() {
        return new RenderChanged(null, null);
    }
}
