package io.cms.post.webhooks;

import java.util.List;
import java.util.Optional;

/** The webhook event types a subscription can ask for, and where each comes from on Kafka. */
public final class EventTypes {

    public static final String RENDERED = "post.rendered";
    public static final String TEST = "webhook.test";

    /** Every type a subscription may name, in the order the documentation lists them. */
    public static final List<String> ALL = List.of("post.created", "post.updated", "post.published",
            "post.unpublished", "post.deleted", RENDERED);

    private static final String CE_PREFIX = "cms.";

    private EventTypes() {
    }

    /** {@code cms.post.published} → {@code post.published}; empty for a CloudEvents type we do not forward. */
    public static Optional<String> fromCloudEventType(String ceType) {
        if (ceType == null || !ceType.startsWith(CE_PREFIX)) {
            return Optional.empty();
        }
        String type = ceType.substring(CE_PREFIX.length());
        return ALL.contains(type) ? Optional.of(type) : Optional.empty();
    }
}
