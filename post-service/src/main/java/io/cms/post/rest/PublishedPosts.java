package io.cms.post.rest;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.cache.Representation;
import io.cms.common.cache.ViewCache;
import io.cms.post.Post;
import io.cms.post.PostStatus;
import io.cms.post.service.PostCommitted;
import io.cms.post.service.PostService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Published posts in memory, as anonymous readers get them (see {@link ViewCache}). Only published
 * posts enter: a draft is never in a cache shared by everyone. A commit evicts the post on this
 * replica at once, and on the others when they read its event ({@code CommittedTail}).
 */
@ApplicationScoped
public class PublishedPosts {

    private final PostService posts;
    private final ObjectMapper json;
    private final ViewCache<PublishedView> cache;

    PublishedPosts(PostService posts, ObjectMapper json, MeterRegistry registry,
            @ConfigProperty(name = "cms.view-cache.max-bytes", defaultValue = "32000000") long maxBytes,
            @ConfigProperty(name = "cms.view-cache.max-age", defaultValue = "60s") Duration maxAge) {
        this.posts = posts;
        this.json = json;
        this.cache = new ViewCache<>("posts", maxBytes, maxAge, registry);
    }

    /** The published post, from memory, else from the database (then kept). */
    Optional<PublishedView> find(String idOrSlug) {
        return cache.get(idOrSlug, () -> posts.find(idOrSlug).filter(p -> p.status == PostStatus.PUBLISHED).map(this::view));
    }

    void committed(@Observes PostCommitted change) {
        if (change.id() == null) {
            cache.clear();
        } else {
            cache.evict(change.id(), change.slug());
        }
    }

    private PublishedView view(Post p) {
        try {
            byte[] body = json.writeValueAsBytes(PostResponse.of(p));
            return new PublishedView(p.id, p.slug, p.version,
                    Representation.of(body, MediaType.APPLICATION_JSON, Long.toString(p.version)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise post " + p.id, e);
        }
    }
}
