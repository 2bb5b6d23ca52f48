package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.local.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who reads what, on a stack where reads need a key (CMS_CONTENT_READS=key): every read of published
 * content on every service needs a content key (or more); a preview link needs nothing but itself,
 * and shows its one post's current text until revoked or expired.
 */
class ReadAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        // The refusals these tests provoke, and the polls until a new key is known everywhere, count as
        // failed authentication: with the default burst of 10 a slow machine gets 429s instead (seen in CI).
        stack = new Stack("read-access", Map.of("CMS_CONTENT_READS", "key", "CMS_RATE_LIMIT_AUTH_FAILURE_BURST", "100"));
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

    @Test
    void aPreviewLinkShowsItsDraftToAnyoneUntilRevokedOrExpired() throws Exception {
        String draft = create("Preview me", "First words of the draft.\n\n<script>alert(1)</script>");
        String other = create("Not previewed", "Other draft's secret words.");
        JsonNode link = link(draft, "{}");
        String url = link.get("url").asText();

        HttpResponse<String> page = get(url);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("private, no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("noindex, nofollow", page.headers().firstValue("X-Robots-Tag").orElse(""));
        assertTrue(page.body().contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), page.body());
        assertTrue(page.body().contains("Preview me") && page.body().contains("First words of the draft."), page.body());
        assertFalse(page.body().contains("<script>"), "the same sanitizer as published pages");
        assertFalse(page.body().contains("secret words"));
        assertEquals(draft, JSON.readTree(get(url + "/json").body()).get("id").asText());

        HttpResponse<String> edited = stack.send(stack.admin("post-service", "/api/posts/" + draft)
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"title\":\"Preview me\",\"markdown\":\"Second thoughts.\"}")));
        assertEquals(200, edited.statusCode(), edited.body());
        assertTrue(get(url).body().contains("Second thoughts."), "the post as it is now, at once");
        String token = url.substring(url.lastIndexOf('/') + 1);
        HttpResponse<String> made = stack.send(stack.admin("post-service", "/api/keys").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"Previews\",\"kind\":\"content\"}")));
        String key = JSON.readTree(made.body()).get("key").asText();
        Stack.awaitTrue(10, () -> status("render-service", "/api/rendered/" + draft, key) != 403);
        assertEquals(404, status("render-service", "/api/rendered/" + draft, key), "a draft is no published read");
        assertEquals(400, status("render-service", "/api/rendered/" + other + "?key=" + token, null), "the token is no key");

        HttpResponse<String> revoked = stack.send(stack.admin("post-service", "/api/posts/" + draft + "/preview-links/"
                + link.get("id").asText()).DELETE());
        assertEquals(204, revoked.statusCode(), revoked.body());
        assertEquals(404, get(url).statusCode(), "revoked: dead from the next request");

        String expiring = link(draft, "{\"expiresIn\":\"PT5M\"}").get("url").asText();
        assertEquals(200, get(expiring).statusCode());
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl("cms_post"), Postgres.USER, null);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE preview_link SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL");
        }
        assertEquals(404, get(expiring).statusCode(), "expired");
        assertEquals(404, get(stack.url("render-service", "/api/preview/" + "A".repeat(43))).statusCode());
    }

    private static String create(String title, String markdown) throws Exception {
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("title", title, "markdown", markdown,
                        "status", "draft")))));
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static JsonNode link(String post, String body) throws Exception {
        HttpResponse<String> made = stack.send(stack.admin("post-service", "/api/posts/" + post + "/preview-links")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
        assertEquals(201, made.statusCode(), made.body());
        return JSON.readTree(made.body());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return stack.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET());
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
