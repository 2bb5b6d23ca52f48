package io.cms.post.rest;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class RevisionsAndSchedulingIT {

    @Test
    void everyVersionIsKeptWithWhoWhenAndWhat() {
        String title = unique("Revised");
        String id = create(body(title));
        admin().contentType(ContentType.JSON).body(body(title, "markdown", "second text")).put("/api/posts/" + id)
                .then().statusCode(200);
        admin().post("/api/posts/" + id + "/publish").then().statusCode(200);

        admin().get("/api/posts/" + id + "/revisions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("changeType", equalTo(List.of("created", "updated", "published")))
                .body("changedFields[1]", equalTo(List.of("markdown")))
                .body("changedFields[2]", equalTo(List.of("status", "publishedAt")))
                .body("changedBy[0]", equalTo("admin"));
        admin().get("/api/posts/" + id + "/revisions/1").then().statusCode(200)
                .body("markdown", equalTo("# " + title + "\n\nBody of " + title + "."))
                .body("status", equalTo("draft"));
        admin().get("/api/posts/" + id + "/revisions/9").then().statusCode(404);
        given().get("/api/posts/" + id + "/revisions").then().statusCode(401);
    }

    @Test
    void twoVersionsAreComparedAndAnOldOneRestoredAsTheNewest() {
        String title = unique("Restored");
        String id = create(body(title, "markdown", "一行目\n半導体の輸出規制\n三行目", "tags", List.of("old")));
        admin().contentType(ContentType.JSON).body(body(title + " renamed", "markdown", "一行目\n半導体の輸入規制\n三行目\n四行目",
                "tags", List.of("new"))).put("/api/posts/" + id).then().statusCode(200);
        admin().post("/api/posts/" + id + "/publish").then().statusCode(200);

        admin().get("/api/posts/" + id + "/revisions/diff?from=1&to=3").then().statusCode(200)
                .body("fields.field", equalTo(List.of("title", "tags", "status", "publishedAt")))
                .body("fields[1].before", equalTo("old")).body("fields[1].after", equalTo("new"))
                .body("markdown[0].lines.kind", equalTo(List.of("EQUAL", "DELETE", "INSERT", "EQUAL", "INSERT")))
                .body("markdown[0].lines[1].segments.text", equalTo(List.of("半導体の輸", "出", "規制")))
                .body("markdown[0].lines[4].after", equalTo(4));
        admin().get("/api/posts/" + id + "/revisions/diff?from=1").then().statusCode(400).body("errors[0].field", equalTo("to"));
        admin().get("/api/posts/" + id + "/revisions/diff?from=1&to=9").then().statusCode(404);

        admin().header("If-Match", "\"2\"").post("/api/posts/" + id + "/revisions/1/restore").then().statusCode(412);
        admin().header("If-Match", "\"3\"").post("/api/posts/" + id + "/revisions/1/restore").then().statusCode(200)
                .body("version", equalTo(4)).body("title", equalTo(title)).body("tags", equalTo(List.of("old")))
                .body("markdown", equalTo("一行目\n半導体の輸出規制\n三行目")).body("status", equalTo("published"));
        admin().get("/api/posts/" + id + "/revisions").then().body("changedFields[3]", equalTo(List.of("title", "markdown", "tags")));
        admin().get("/api/audit?action=post.restored&limit=100").then().statusCode(200)
                .body("items.find { it.target == 'post:" + id + "' }.detail.from", equalTo(1));
        // Restoring what is already there changes nothing.
        admin().post("/api/posts/" + id + "/revisions/4/restore").then().statusCode(200).body("version", equalTo(4));
        admin().post("/api/posts/" + id + "/revisions/9/restore").then().statusCode(404);
        given().post("/api/posts/" + id + "/revisions/1/restore").then().statusCode(401);
    }

    @Test
    void scheduledPostsPublishThemselves() {
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2);
        String id = create(body(unique("Scheduled"), "status", "scheduled", "publishedAt", soon.toString()));
        given().get("/api/posts/" + id).then().statusCode(404);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/api/posts/" + id).statusCode() == 200);
        admin().get("/api/posts/" + id + "/revisions").then()
                .body("changeType[1]", equalTo("published")).body("changedBy[1]", equalTo("scheduler"));
    }
}
