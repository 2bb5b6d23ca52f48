package io.cms.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A rebuild from the topic gives the same results as incremental indexing, without going offline. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class ReindexIT {

    private static List<String> ids(String q) {
        return given().queryParam("q", q).queryParam("limit", 100).get("/api/search").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    @Test
    void rebuildMatchesIncrementalIndexingAndSearchStaysUp() throws Exception {
        String word = "reindexmarker" + UUID.randomUUID().toString().substring(0, 6);
        List<UUID> posts = new ArrayList<>();
        try (PostEvents events = new PostEvents()) {
            for (int i = 0; i < 5; i++) {
                UUID id = UUID.randomUUID();
                posts.add(id);
                events.publish(id, 1, "Post " + i, "first " + word + " text " + i, "en", List.of("rebuild"));
                events.send("cms.post.updated", id, 2, "published", "Post " + i, "second " + word + " body " + i, "en", null);
            }
            events.send("cms.post.unpublished", posts.get(4), 3, "draft", null, null, "en", null);
            UUID lastId = posts.get(4);
            await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/search/posts/" + lastId).statusCode() == 404
                    && given().get("/api/search/posts/" + posts.get(3)).statusCode() == 200);
        }
        List<String> before = ids(word);
        assertEquals(4, before.size());

        given().post("/api/admin/reindex").then().statusCode(401);
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).post("/api/admin/reindex")
                .then().statusCode(202);
        int searches = 0;
        while (!"done".equals(given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN)
                .get("/api/admin/reindex").then().statusCode(200).extract().path("state"))) {
            assertEquals(before.size(), ids(word).size(), "search answers while the index is rebuilt");
            searches++;
            assertTrue(searches < 2000, "rebuild did not finish");
        }
        // Same hits; their order may differ where scores tie closely (an incrementally built index
        // still counts replaced documents in its term statistics until segments merge).
        assertEquals(new java.util.TreeSet<>(before), new java.util.TreeSet<>(ids(word)));
        assertEquals(2, given().get("/api/search/posts/" + posts.get(0)).then().statusCode(200).extract().<Integer>path("version"));

        // The feed continues into the new index.
        UUID after = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.publish(after, 1, "After", "after the " + word + " swap", "en", List.of());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(word).contains(after.toString()));
    }
}
