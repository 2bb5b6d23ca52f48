package io.cms.common.auth;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.rest.InternalService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Render- and search-service's line to post-service ({@code cms.access.post-service-url}, the
 * cluster-internal address) for what only post-service knows: ended sessions, active keys, what a
 * preview link opens. Calls carry the admin token and give up after 2 s.
 */
@ApplicationScoped
public class PostServiceClient {

    private final InternalService peer;

    PostServiceClient(@ConfigProperty(name = "cms.access.post-service-url") Optional<String> url,
            @ConfigProperty(name = "cms.admin-token") String token, ObjectMapper json) {
        this.peer = new InternalService("post-service", "cms.access.post-service-url", url, token, json);
    }

    /** Where post-service is, if this service was told. */
    public Optional<String> url() {
        return peer.url();
    }

    /** A GET that must answer 200. */
    public JsonNode get(String path) throws Exception {
        return peer.get(path);
    }

    /** A POST of a JSON body: the answer's JSON, or empty when post-service answers 404. */
    public Optional<JsonNode> post(String path, Object body) throws Exception {
        return peer.post(path, body);
    }
}
