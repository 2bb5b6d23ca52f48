package io.cms.render.site;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.render.InfraResource;
import io.cms.render.changes.ChangeLog;
import io.cms.render.changes.SseReader;
import io.cms.testkit.ContractEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code cms.settings} through the real broker and database: the site's address, title and permalink
 * pattern set through post-service's API change the Content API's settings and URLs, the feeds and
 * the sitemap; settings put back (all null, a newer version) give the configured ones again.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class SiteEventsIT {

    @TestHTTPResource("/api/changes")
    URI changes;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void settingsSetThroughTheApiChangeEveryUrlAndGoBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID post = UUID.randomUUID();
        long version = System.currentTimeMillis();
        SseReader changeFeed = openFeed();
        try (ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.published", post, "site-" + run, 1, Map.of("title", "Sited", "markdown", "Body.",
                    "publishedAt", "2024-12-31T20:30:00Z", "layout", "post", "frontMatter", Map.of(), "tags", List.of()));
            send(events, version, Map.of("url", "https://blog.example.com", "title", "ブログ", "lang", "ja",
                    "timezone", "Asia/Tokyo", "permalink", "/:year/:month/:slug/"));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> "ブログ".equals(api().get("/ghost/api/content/settings/")
                    .then().extract().path("settings.title")));
            // The change feed said so, with the version, for frontends that rebuild what names the site.
            await().atMost(Duration.ofSeconds(10)).until(() -> siteChanges(changeFeed).contains(version));
            api().get("/ghost/api/content/settings/").then().body("settings.url", equalTo("https://blog.example.com/"))
                    .body("settings.lang", equalTo("ja")).body("settings.timezone", equalTo("Asia/Tokyo"));
            await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/ghost/api/content/posts/" + post + "/").statusCode() == 200);
            api().get("/ghost/api/content/posts/" + post + "/").then()
                    .body("posts[0].url", equalTo("https://blog.example.com/2025/01/site-" + run + "/"));
            String feed = given().get("/feed.json").then().statusCode(200).extract().asString();
            org.junit.jupiter.api.Assertions.assertEquals("ブログ", JSON.readTree(feed).path("title").asText());
        } finally {
            try (ContractEvents events = new ContractEvents()) {
                send(events, version + 1, Map.of());
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "http://localhost:8082/".equals(api().get("/ghost/api/content/settings/")
                .then().extract().path("settings.url")));
        api().get("/ghost/api/content/posts/" + post + "/").then().body("posts[0].url", equalTo("http://localhost:8082/site-" + run + "/"));
        await().atMost(Duration.ofSeconds(10)).until(() -> siteChanges(changeFeed).contains(version + 1));
        changeFeed.close();
    }

    /**
     * A change feed from now. The feeds another class left open count against this client's eight until
     * the next heartbeat finds them closed: until then the feed is refused (429), so it is asked again.
     */
    private SseReader openFeed() {
        SseReader[] opened = new SseReader[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            SseReader r = SseReader.open(changes, null);
            if (r.status == 200) {
                opened[0] = r;
                return true;
            }
            r.close();
            return false;
        });
        return opened[0];
    }

    /** The versions of the {@code site.updated} events the feed has sent, each about the site's fixed id. */
    private static List<Long> siteChanges(SseReader feed) throws Exception {
        List<Long> versions = new java.util.ArrayList<>();
        for (SseReader.Event e : feed.events) {
            if ("site.updated".equals(e.name())) {
                var data = JSON.readTree(e.data());
                org.junit.jupiter.api.Assertions.assertEquals(ChangeLog.SITE.toString(), data.path("siteId").asText(), e.data());
                versions.add(data.path("version").asLong());
            }
        }
        return versions;
    }

    /** The contract fixture with these overrides (the others null: as configured). */
    private static void send(ContractEvents events, long version, Map<String, String> overrides) throws Exception {
        ObjectNode event = ContractEvents.fixture("cms.settings.updated");
        ObjectNode value = (ObjectNode) event.get("value");
        ObjectNode o = value.putObject("overrides");
        for (String field : List.of("url", "title", "description", "lang", "timezone", "permalink")) {
            o.put(field, overrides.get(field));
        }
        value.put("version", version).put("updatedAt", OffsetDateTime.now().toString());
        ObjectNode headers = ((ObjectNode) event.get("headers")).put("ce_id", UUID.randomUUID().toString());
        events.send(event.get("topic").asText(), "site", headers, JSON.writeValueAsBytes(value));
    }

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
    }
}
