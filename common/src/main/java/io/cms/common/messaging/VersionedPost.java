package io.cms.common.messaging;

import java.util.UUID;

/** What every reader of {@code cms.posts} needs from an event value: the post and its version. */
public interface VersionedPost {

    UUID id();

    long version();
}
