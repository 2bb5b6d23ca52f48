package io.cms.post.site;

import static io.cms.post.TestPosts.admin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.post.InfraResource;
import io.cms.post.messaging.ContractFixtures;
import io.cms.post.messaging.EventTap;
import io.cms.post.messaging.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Site settings through the API, the database and {@code cms.settings}; put back as configured at the end. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class SiteSettingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Sites sites;

    @Test
    void adminsSetTheSiteAndEveryLinkFollows() throws Exception {
        admin().get("/api/settings/site").then().statusCode(200).body("url", equalTo("http://localhost:8082"))
                .body("permalink", equalTo("/:slug/")).body("set", equalTo(List.of()));
        given().get("/api/settings/site").then().statusCode(401).contentType("application/problem+json");

        problem(Map.of("permalink", "/:year/"), "permalink");
        problem(Map.of("permalink", "/:slug/:colour/"), "permalink");
        problem(Map.of("timezone", "Mars/Olympus"), "timezone");
        problem(Map.of("url", "ftp://example.com"), "url");
        problem(Map.of("lang", "日本語"), "lang");
        problem(Map.of("title", "x".repeat(151)), "title");
        problem(Map.of("colour", "red"), "colour");
        long version = ((Number) admin().get("/api/settings/site").then().extract().path("version")).longValue();

        try (EventTap tap = new EventTap(Topics.SETTINGS)) {
            Map<String, Object> site = new HashMap<>(Map.of("url", "https://blog.example.com/", "title", "ブログ",
                    "timezone", "Asia/Tokyo", "permalink", "/:year/:month/:slug/", "lang", "ja"));
            admin().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(site).put("/api/settings/site")
                    .then().statusCode(200).body("title", equalTo("ブログ")).body("version", equalTo((int) version + 1))
                    .body("set", hasItem("permalink")).body("description", equalTo(null));
            admin().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(Map.of("title", "x"))
                    .put("/api/settings/site").then().statusCode(412);

            assertEquals("https://blog.example.com/2025/01/%E5%8D%8A%E5%B0%8E%E4%BD%93/",
                    sites.links().post("半導体", OffsetDateTime.parse("2024-12-31T20:30:00Z"), List.of()),
                    "the new address, pattern and time zone (New Year's Day in Tokyo)");
            List<EventTap.Event> events = await().atMost(Duration.ofSeconds(30)).until(() -> tap.forKey("site"), l -> !l.isEmpty());
            assertEquals("cms.settings.updated", events.get(0).header("ce_type"));
            ContractFixtures.assertMatches(events.get(0));
            JsonNode value = JSON.readTree(events.get(0).value());
            assertEquals("/:year/:month/:slug/", value.path("overrides").path("permalink").asText());
            assertEquals(version + 1, value.path("version").asLong());
            assertEquals(true, value.path("overrides").path("description").isNull(), "not set: as configured");
        } finally {
            admin().contentType(ContentType.JSON)
                    .body(Map.of("url", "", "title", "", "timezone", "", "permalink", "", "lang", ""))
                    .put("/api/settings/site").then().statusCode(200).body("set", equalTo(List.of()))
                    .body("url", equalTo("http://localhost:8082"));
        }
        assertEquals("http://localhost:8082/post/", sites.links().post("post", null, List.of()));
    }

    private static void problem(Map<String, Object> body, String field) {
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON).body(body)
                .put("/api/settings/site").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }
}
