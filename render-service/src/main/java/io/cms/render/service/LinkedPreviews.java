package io.cms.render.service;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cms.common.auth.PostServiceClient;
import io.cms.common.auth.UrlTokens;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.render.markdown.RenderResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What a preview link shows: post-service says which post the token opens and hands over its
 * current text (tokens, expiry and revocation live there, so a revoked link is dead on the next
 * request); the text is rendered here, as a published post would be. Renders are kept per post
 * version, so a reviewer reloading a long post does not render it again.
 */
@ApplicationScoped
public class LinkedPreviews {

    private static final Logger LOG = Logger.getLogger(LinkedPreviews.class);
    private static final long MAX_KEPT_BYTES = 16_000_000;

    public record Preview(UUID postId, String slug, long version, String status, String title, OffsetDateTime expiresAt,
            RenderResult render) {
    }

    private final PostServiceClient postService;
    private final Renderer renderer;
    private final Cache<String, RenderResult> renders = Caffeine.newBuilder().maximumWeight(MAX_KEPT_BYTES)
            .weigher((String k, RenderResult r) -> 2 * r.html().length() + 1_024).executor(Runnable::run).build();

    LinkedPreviews(PostServiceClient postService, Renderer renderer) {
        this.postService = postService;
        this.renderer = renderer;
    }

    /** The post the token opens, rendered; empty for a token that is unknown, expired or revoked. */
    public Optional<Preview> open(String token) {
        if (!UrlTokens.wellFormed(token)) { // post-service is not asked about what it never made
            return Optional.empty();
        }
        if (postService.url().isEmpty()) {
            throw new ProblemException(Kind.UNAVAILABLE, "Preview links need post-service's address (cms.access.post-service-url)");
        }
        Optional<JsonNode> opened;
        try {
            opened = postService.post("/api/preview-links/open", Map.of("token", token));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("Could not open a preview link at post-service: %s", e.toString());
            throw new ProblemException(Kind.UNAVAILABLE, "Post-service did not answer; try again shortly");
        }
        return opened.map(this::preview);
    }

    private Preview preview(JsonNode post) {
        UUID id = UUID.fromString(post.path("postId").asText());
        long version = post.path("version").asLong();
        String excerpt = post.path("excerpt").isNull() ? null : post.path("excerpt").asText();
        RenderResult render = renders.get(id + "@" + version, k -> renderer.renderOrPlaceholder(
                post.path("markdown").asText(), excerpt, "Preview of post " + id + " version " + version));
        return new Preview(id, post.path("slug").asText(), version, post.path("status").asText(), post.path("title").asText(),
                OffsetDateTime.parse(post.path("expiresAt").asText()), render);
    }
}
