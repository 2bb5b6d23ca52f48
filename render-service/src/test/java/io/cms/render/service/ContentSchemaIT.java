package io.cms.render.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import io.cms.render.InfraResource;
import io.cms.render.messaging.PostEvents;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Renders stored before the content columns existed (an upgrade) are stored again from cms.posts at start-up. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class ContentSchemaIT {

    @Inject
    ContentSchema schema;

    @Test
    void rowsOfAnOlderSchemaAreRenderedAgainAtStartUp() throws Exception {
        UUID id = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.send("cms.post.published", id, "schema-" + id, 1, "published", "# 見出し\n\n本文。");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/rendered/" + id).statusCode() == 200);
        // As an upgrade finds a row written by the version before: no tags, no dates, the old schema.
        execute("UPDATE rendered_post SET content_schema = 1, tag_list = '[]', published_at = NULL WHERE id = ?", id);
        assertTrue(schema.olderRows() >= 1, "the row counts as older");

        schema.onStart(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> schema.olderRows() == 0);
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT content_schema, jsonb_array_length(tag_list), published_at IS NOT NULL FROM rendered_post WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(ContentFields.SCHEMA, rs.getInt(1));
                assertEquals(2, rs.getInt(2), "the fixture's two tags are back");
                assertEquals(true, rs.getBoolean(3));
            }
        }
    }

    private static void execute(String sql, UUID id) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.shared().postgres().jdbcUrl("cms_render"), "postgres", null);
    }
}
