package io.cms.post.messaging;

import java.util.Locale;

/** What a committed change did to a post; the CloudEvents {@code type} is {@code cms.post.<name>}. */
public enum PostEventType {
    CREATED, UPDATED, PUBLISHED, UNPUBLISHED, DELETED;

    public String ceType() {
        return "cms.post." + wireName();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
