package io.cms.post.studio;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The studio's revisions: the list with who and when, a diff page, Restore, and what a role does not see. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioRevisionsIT {

    @Test
    void aWriterComparesTwoVersionsAndRestoresOne() {
        StudioSession s = StudioSession.of("author");
        String id = s.api().header("X-CSRF-Token", s.csrf()).contentType(ContentType.JSON)
                .body(Map.of("title", "Versions " + UUID.randomUUID(), "markdown", "最初の文。\n<script>alert(1)</script>"))
                .post("/api/posts").then().statusCode(201).extract().path("id");
        s.form(Map.of("version", "1", "action", "save", "title", "Versions", "markdown", "二番目の文。\n<script>alert(1)</script>"))
                .post("/studio/editor/" + id).then().statusCode(303);

        s.page().get("/studio/editor/" + id).then().body(containsString("href=\"/studio/editor/" + id + "/revisions\""));
        s.page().get("/studio/editor/" + id + "/revisions").then().statusCode(200)
                .body(containsString("Editor test author")).body(containsString("Created")).body(containsString("Updated"))
                .body(containsString("title, markdown")).body(containsString("action=\"/studio/editor/" + id + "/revisions/1/restore\""))
                .body(not(containsString("/revisions/2/restore")));
        s.page().get("/studio/editor/" + id + "/revisions/diff?from=1&to=2").then().statusCode(200)
                .body(containsString("<tr class=\"delete\">")).body(containsString("<del>最初</del>")).body(containsString("<ins>二番目</ins>"))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")).body(not(containsString("<script>alert")));

        s.form(Map.of("seen", "2")).post("/studio/editor/" + id + "/revisions/1/restore").then().statusCode(303)
                .header("Location", containsString("/studio/editor/" + id + "?restored=1"));
        s.api().get("/api/posts/" + id).then().body("version", equalTo(3)).body("markdown", containsString("最初の文。"));
        s.page().get("/studio/editor/" + id + "?restored=1").then().body(containsString("Version 1&#39;s content was restored"));
        // The page was made at version 2; the post is at 3 now: a second click restores nothing.
        s.form(Map.of("seen", "2")).post("/studio/editor/" + id + "/revisions/2/restore").then().statusCode(412);
    }

    @Test
    void aContributorSeesNoPublishingAndCannotRestoreOncePublished() {
        StudioSession s = StudioSession.of("contributor");
        String id = s.api().header("X-CSRF-Token", s.csrf()).contentType(ContentType.JSON)
                .body(Map.of("title", "Contributed " + UUID.randomUUID(), "markdown", "Mine.")).post("/api/posts").then()
                .statusCode(201).extract().path("id");
        s.page().get("/studio/editor/" + id).then().body(containsString(">Save draft<")).body(not(containsString(">Publish<")))
                .body(not(containsString(">Schedule<"))).body(not(containsString("Publish at")));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("title", "Contributed, edited", "markdown", "Edited.")).put("/api/posts/" + id).then().statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN)
                .post("/api/posts/" + id + "/publish").then().statusCode(200);
        s.page().get("/studio/editor/" + id + "/revisions").then().statusCode(200).body(not(containsString(">Restore<")));
        s.page().get("/studio/editor/" + id).then().body(not(containsString(">Save draft<")));
        s.form(Map.of("seen", "3")).post("/studio/editor/" + id + "/revisions/1/restore").then().statusCode(403);
    }
}
