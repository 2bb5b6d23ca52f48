package io.cms.post.studio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.rest.InternalService;
import io.cms.common.rest.ProblemException;
import io.cms.post.Post;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The post list's full-text search, answered by search-service (the same analysis as the public
 * search) with {@code drafts=true} and the writer's own session, so it finds what that writer may
 * see: every post for editors and above, published ones and their own for the others; the list's
 * status, tag and author filters narrow it there.
 */
@ApplicationScoped
public class StudioSearch {

    private static final Logger LOG = Logger.getLogger(StudioSearch.class);

    /** One page of matches, as posts, in search-service's order. */
    public record Found(List<Post> posts, long total) {
    }

    private final InternalService search;

    StudioSearch(@ConfigProperty(name = "cms.studio.search-url") Optional<String> url,
            @ConfigProperty(name = "cms.admin-token") String token, ObjectMapper json) {
        this.search = new InternalService("search-service", "cms.studio.search-url", url, token, json);
    }

    /** Matches of {@code q} among the posts of this status, tag and author (each null for any). */
    public Found find(String q, String status, String tag, String author, String authorization, int page, int limit) {
        if (search.url().isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "Search needs search-service's address (CMS_SEARCH_INTERNAL_URL)");
        }
        InternalService.Answer answer;
        try {
            answer = search.getForAnswerAs("/api/search?drafts=true&sort=relevance&page=" + page + "&limit=" + limit + "&q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8) + param("status", status) + param("tag", tag) + param("author", author),
                    authorization);
        } catch (InternalService.Unreachable e) {
            LOG.warn(e.getMessage());
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "Search is not available now (search-service does not answer)");
        }
        JsonNode body = answer.body();
        if (answer.status() == 400) {
            throw ProblemException.invalid("q", body.path("errors").path(0).path("message").asText(body.path("detail").asText()));
        }
        if (answer.status() != 200) {
            LOG.warnf("search-service answered %d to a studio search: %s", answer.status(), body.path("detail").asText());
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "Search is not available now (search-service answered "
                    + answer.status() + ")");
        }
        List<UUID> ids = new ArrayList<>();
        body.path("items").forEach(h -> ids.add(UUID.fromString(h.path("id").asText())));
        Map<UUID, Post> byId = ids.isEmpty() ? Map.of()
                : Post.<Post>list("id in ?1", ids).stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        // A hit deleted since it was indexed has no post any more: left out.
        List<Post> posts = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return new Found(posts, body.path("total").asLong());
    }

    private static String param(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
