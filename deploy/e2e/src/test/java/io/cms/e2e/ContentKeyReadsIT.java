package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With CMS_CONTENT_READS=key, every read of published content on every service needs a content key (or more). */
class ContentKeyReadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack("content-key-reads", Map.of("CMS_CONTENT_READS", "key"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyPublishedReadNeedsAKey() throws Exception {
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"Keyed\",\"markdown\":\"Behind a key.\",\"status\":\"published\"}")));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> made = stack.send(stack.admin("post-service", "/api/keys").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"Frontend\",\"kind\":\"content\"}")));
        assertEquals(201, made.statusCode(), made.body());
        String key = JSON.readTree(made.body()).get("key").asText();

        for (List<String> read : List.of(List.of("post-service", "/api/posts/" + id), List.of("post-service", "/api/posts"),
                List.of("render-service", "/api/rendered/" + id + "/html"), List.of("search-service", "/api/search?q=keyed"),
                List.of("search-service", "/api/search/suggest?q=ke"))) {
            String service = read.get(0);
            String path = read.get(1);
            String withKey = path + (path.contains("?") ? "&" : "?") + "key=" + key;
            Stack.awaitTrue(10, () -> status(service, withKey, null) != 404 && status(service, withKey, null) != 403);
            assertEquals(401, status(service, path, null), service + path + " without a key");
            assertEquals(200, status(service, withKey, null), service + withKey);
            assertEquals(200, status(service, path, key), service + path + " with the key as a bearer");
        }
    }

    private static int status(String service, String path, String bearer) {
        try {
            var request = stack.request(service, path);
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return stack.send(request).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
