package io.cms.post.messaging;

import java.util.List;

import io.cms.common.messaging.SiteChangedEvent;
import io.cms.common.messaging.TermChangedEvent;

/** Kafka topics and CloudEvents attributes of the post change events: the contract consumers rely on. */
public final class Topics {

    /** Compacted topic of post change events, keyed by post id. */
    public static final String POSTS = "cms.posts";

    /** Compacted topic of tag and author change events, keyed by the term's id. */
    public static final String TERMS = TermChangedEvent.TOPIC;

    /** Compacted topic of settings changes (the site's under the key {@code site}). */
    public static final String SETTINGS = SiteChangedEvent.TOPIC;

    /** The topics the outbox relay writes to. */
    public static final List<String> OUTBOX_TOPICS = List.of(POSTS, TERMS, SETTINGS);

    /** Compacted topic of render-service's "HTML is ready" events, keyed by post id. */
    public static final String RENDERED = "cms.rendered";

    /** Channels (and their dead-letter topics) through which webhooks consume both topics. */
    public static final String WEBHOOK_POSTS_CHANNEL = "webhook-posts";
    public static final String WEBHOOK_RENDERED_CHANNEL = "webhook-rendered";
    public static final String WEBHOOK_POSTS_DLQ = "cms.posts.webhook-dlq";
    public static final String WEBHOOK_RENDERED_DLQ = "cms.rendered.webhook-dlq";

    /** CloudEvents {@code source} attribute of every event this service emits. */
    public static final String SOURCE = "/cms/post-service";

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** Where the relay sends an outbox row of CloudEvents type {@code type}: {@code cms.post.*}, settings', or a term's. */
    public static String topicOf(String type) {
        return type.startsWith("cms.post.") ? POSTS : type.startsWith("cms.settings.") ? SETTINGS : TERMS;
    }

    private Topics() {
    }
}
