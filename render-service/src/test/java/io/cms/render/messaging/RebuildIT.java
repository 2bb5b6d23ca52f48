package io.cms.render.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.render.InfraResource;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A rebuild from cms.posts gives the same renders as incremental processing, and repairs damage. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class RebuildIT {

    @Test
    void rebuildMatchesIncrementalRendering() throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (PostEvents events = new PostEvents()) {
            for (int i = 0; i < 3; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                events.send("cms.post.published", id, "rebuild-" + id, 1, "published", "# 見出し " + i + "\n\n本文 " + i);
                events.send("cms.post.updated", id, "rebuild-" + id, 2, "published", "# 見出し " + i + "\n\n二版 " + i);
            }
        }
        List<Map<String, Object>> before = new ArrayList<>();
        for (UUID id : ids) {
            await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/rendered/" + id).statusCode() == 200
                    && given().get("/api/rendered/" + id).then().extract().<Integer>path("version") == 2);
            before.add(snapshot(id));
        }
        try (Connection c = DriverManager.getConnection(TestInfrastructure.shared().postgres().jdbcUrl("cms_render"), "postgres", null);
                PreparedStatement s = c.prepareStatement("UPDATE rendered_post SET html = 'damaged' WHERE id = ?")) {
            s.setObject(1, ids.get(0));
            assertEquals(1, s.executeUpdate());
        }

        given().post("/api/admin/rerender").then().statusCode(401);
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).post("/api/admin/rerender")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(
                given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).get("/api/admin/rerender")
                        .then().extract().path("state")));

        for (int i = 0; i < ids.size(); i++) {
            assertEquals(before.get(i), snapshot(ids.get(i)));
        }
        given().get("/api/rendered/" + ids.get(0)).then().body("version", equalTo(2));
    }

    /** The rendered content without the render time, which a rebuild changes by design. */
    private static Map<String, Object> snapshot(UUID id) {
        Map<String, Object> body = new java.util.HashMap<>(given().get("/api/rendered/" + id).then().statusCode(200)
                .extract().jsonPath().getMap(""));
        body.remove("renderedAt");
        return body;
    }
}
