package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.post.webhooks.Secrets;
import io.cms.post.webhooks.WebhookSubscription;

/**
 * A subscription as the API shows it. The full {@code secret} appears only in the answers that
 * create it (subscribe, rotate); afterwards only its hint.
 */
public record WebhookView(UUID id, String url, List<String> events, String tag, String category, String description,
        boolean active, @JsonInclude(JsonInclude.Include.NON_NULL) String secret, String secretHint,
        OffsetDateTime previousSecretExpiresAt, String disabledReason, OffsetDateTime disabledAt,
        OffsetDateTime failingSince, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static WebhookView of(WebhookSubscription s, boolean withSecret) {
        return new WebhookView(s.id, s.url, List.copyOf(s.events), s.tag, s.category, s.description, s.active,
                withSecret ? s.secret : null, Secrets.hint(s.secret), s.previousSecretExpiresAt, s.disabledReason,
                s.disabledAt, s.failingSince, s.createdAt, s.updatedAt);
    }
}
