package io.cms.common.messaging;

/** Derived data a service can rebuild from {@code cms.posts} in the background (render views, the search index). */
public interface Rebuildable {

    /** Starts a rebuild unless one is running; the status either way. */
    RebuildJob.Status start();

    RebuildJob.Status status();
}
