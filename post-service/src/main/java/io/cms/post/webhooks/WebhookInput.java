package io.cms.post.webhooks;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/webhooks}. */
public record WebhookInput(
        @NotBlank @Size(max = 2048) String url,
        @Size(max = 20) List<@NotBlank String> events,
        @Size(min = 1, max = 100) String tag,
        @Size(min = 1, max = 100) String category,
        @Size(max = 1000) String description) {
}
