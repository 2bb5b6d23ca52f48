package io.cms.render.messaging;

import io.cms.common.messaging.SiteChangedEvent;
import io.cms.common.messaging.TermChangedEvent;

/** Topic names and event types, shared by the code and the tests. */
public final class Channels {

    /** Incoming post change events. */
    public static final String POSTS_TOPIC = "cms.posts";

    /** Incoming tag and author change events. */
    public static final String TERMS_TOPIC = TermChangedEvent.TOPIC;

    /** Incoming settings changes (the site's). */
    public static final String SETTINGS_TOPIC = SiteChangedEvent.TOPIC;

    /** Where events that cannot be applied go, with the reason in their headers. */
    public static final String POSTS_DLQ_TOPIC = "cms.posts.render-dlq";

    /** Outgoing "HTML is ready" events. */
    public static final String RENDERED_TOPIC = "cms.rendered";

    /** CloudEvents type of the events on {@link #RENDERED_TOPIC}. */
    public static final String RENDERED_TYPE = "cms.post.rendered";
    /**
     * CloudEvents type of a post no longer served (unpublished or deleted), on {@link #RENDERED_TOPIC}
     * under the same key: the latest record of a post is its state, and every replica drops the view.
     */
    public static final String UNRENDERED_TYPE = "cms.post.unrendered";
    public static final String SOURCE = "/cms/render-service";

    private Channels() {
    }
}
