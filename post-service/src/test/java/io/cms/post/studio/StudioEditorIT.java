package io.cms.post.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The editor's forms over HTTP: create, save, publish, a stale save refused, fields it does not show kept. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioEditorIT {

    @Test
    void aPostIsWrittenSavedAndPublishedFromTheForms() {
        StudioSession s = StudioSession.of("author");
        String title = "Editor post " + UUID.randomUUID();
        Response created = s.form(Map.of("action", "save", "title", title, "tags", "日本語、 notes ,", "excerpt", "",
                "markdown", "# Hello\n\nFirst words.")).post("/studio/editor");
        created.then().statusCode(303);
        String id = created.header("Location").replaceAll(".*/studio/editor/([0-9a-f-]{36}).*", "$1");
        s.api().get("/api/posts/" + id).then().statusCode(200).body("status", equalTo("draft"))
                .body("tags", equalTo(List.of("日本語", "notes"))).body("markdown", equalTo("# Hello\n\nFirst words."));
        s.page().get("/studio/editor/" + id + "?saved=1").then().statusCode(200).body(containsString("Saved."))
                .body(containsString(title));

        s.form(Map.of("version", "1", "action", "publish", "title", title, "tags", "notes", "markdown", "Second words."))
                .post("/studio/editor/" + id).then().statusCode(303);
        s.api().get("/api/posts/" + id).then().body("status", equalTo("published")).body("version", equalTo(2))
                .body("markdown", equalTo("Second words."));

        // A long post goes through a form field as it does through the API (a form field's default limit is 2 KB).
        String longText = "長い記事の段落です。".repeat(20_000);
        s.form(Map.of("version", "2", "action", "save", "title", title, "markdown", longText)).post("/studio/editor/" + id)
                .then().statusCode(303);
        s.api().get("/api/posts/" + id).then().body("markdown", equalTo(longText)).body("version", equalTo(3));
    }

    @Test
    void aStaleSaveOverwritesNothingAndKeepsTheWritersText() {
        StudioSession s = StudioSession.of("editor");
        String id = given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("title", "Shared " + UUID.randomUUID(), "markdown", "Theirs.", "author", "Imported Author",
                        "categories", List.of("kept"), "frontMatter", Map.of("image", "/a.png")))
                .post("/api/posts").then().statusCode(201).extract().path("id");
        s.form(Map.of("version", "1", "action", "save", "title", "Shared, mine", "markdown", "Mine.")).post("/studio/editor/" + id)
                .then().statusCode(303);
        s.api().get("/api/posts/" + id).then().body("author", equalTo("Imported Author")).body("categories", equalTo(List.of("kept")))
                .body("frontMatter.image", equalTo("/a.png"));

        // Still at version 1 in this writer's form: someone (this same writer, in another tab) saved version 2.
        s.form(Map.of("version", "1", "action", "save", "title", "Shared, stale", "markdown", "Stale text that must come back."))
                .post("/studio/editor/" + id).then().statusCode(412).body(containsString("Someone else saved this post meanwhile"))
                .body(containsString("href=\"/studio/editor/" + id + "/revisions/diff?from=1&amp;to=2\""))
                .body(containsString("Stale text that must come back."));
        s.api().get("/api/posts/" + id).then().body("markdown", equalTo("Mine.")).body("version", equalTo(2));
    }

    @Test
    void theFrontMatterIsEditedAsFieldsAndYamlAndCheckedAsTheApiChecksIt() {
        StudioSession s = StudioSession.of("author");
        String title = "Front matter " + UUID.randomUUID();
        Response created = s.form(Map.of("action", "save", "title", title, "markdown", "本文。", "author", "著者の名前",
                "categories", "技術、 メモ", "lang", "ja", "layout", "post", "frontMatter", "image: /a.png\nreading_time: 3\n"))
                .post("/studio/editor");
        created.then().statusCode(303);
        String id = created.header("Location").replaceAll(".*/studio/editor/([0-9a-f-]{36}).*", "$1");
        s.api().get("/api/posts/" + id).then().body("author", equalTo("著者の名前")).body("categories", equalTo(List.of("技術", "メモ")))
                .body("lang", equalTo("ja")).body("layout", equalTo("post")).body("frontMatter.image", equalTo("/a.png"))
                .body("frontMatter.reading_time", equalTo(3));
        s.page().get("/studio/editor/" + id).then().body(containsString("reading_time: 3"))
                .body(containsString("value=\"著者の名前\""));

        s.form(Map.of("version", "1", "action", "save", "title", title, "markdown", "本文。", "frontMatter", "image: [unclosed"))
                .post("/studio/editor/" + id).then().statusCode(400).body(containsString("frontMatter: the front matter is not valid YAML"));
        s.form(Map.of("version", "1", "action", "save", "title", title, "markdown", "本文。", "frontMatter", "title: twice"))
                .post("/studio/editor/" + id).then().statusCode(400).body(containsString("frontMatter"));
        s.form(Map.of("version", "1", "action", "save", "title", title, "markdown", "本文。", "lang", "not a language"))
                .post("/studio/editor/" + id).then().statusCode(400).body(containsString("lang: "));
        // Sent empty: cleared.
        s.form(Map.of("version", "1", "action", "save", "title", title, "markdown", "本文。", "author", "", "categories", "",
                "lang", "", "layout", "", "frontMatter", "")).post("/studio/editor/" + id).then().statusCode(303);
        s.api().get("/api/posts/" + id).then().body("author", equalTo(null)).body("categories", equalTo(List.of()))
                .body("frontMatter", equalTo(Map.of())).body("version", equalTo(2));
    }

    @Test
    void aPostIsScheduledInTheWritersTimeZone() {
        StudioSession s = StudioSession.of("author");
        String id = s.api().header("X-CSRF-Token", s.csrf()).contentType(ContentType.JSON)
                .body(Map.of("title", "Scheduled " + UUID.randomUUID(), "markdown", "Later.")).post("/api/posts").then()
                .statusCode(201).extract().path("id");
        s.form(Map.of("version", "1", "action", "schedule", "title", "Later", "markdown", "Later.", "publishAt", "2030-01-02T09:30"))
                .cookie("cms_zone", "Asia%2FTokyo").post("/studio/editor/" + id).then().statusCode(303);
        s.api().get("/api/posts/" + id).then().body("status", equalTo("scheduled"))
                .body("publishedAt", equalTo("2030-01-02T00:30:00Z"));
        s.page().cookie("cms_zone", "Asia%2FTokyo").get("/studio/editor/" + id).then()
                .body(containsString("value=\"2030-01-02T09:30\"")).body(containsString("Time zone: Asia/Tokyo"));
        s.form(Map.of("version", "2", "action", "schedule", "title", "Later", "markdown", "Later.", "publishAt", "next week"))
                .post("/studio/editor/" + id).then().statusCode(400).body(containsString("publishAt: "));
        s.form(Map.of("version", "2", "action", "schedule", "title", "Later", "markdown", "Later.", "publishAt", "2001-01-01T00:00"))
                .post("/studio/editor/" + id).then().statusCode(400).body(containsString("publishedAt: "));
    }

    @Test
    void formsWithoutTheSessionsTokenOrWithBadFieldsAreRefused() {
        StudioSession s = StudioSession.of("contributor");
        given().cookie("cms_session", s.cookie()).contentType(ContentType.URLENC)
                .formParams(Map.of("csrf", "forged", "action", "save", "title", "Forged")).post("/studio/editor").then().statusCode(400);
        s.form(Map.of("action", "save", "title", "", "markdown", "No title.")).post("/studio/editor").then().statusCode(400)
                .body(containsString("title: "));
        s.form(Map.of("action", "publish", "title", "Contributors do not publish", "markdown", "x")).post("/studio/editor")
                .then().statusCode(403);
        given().redirects().follow(false).get("/studio/editor").then().statusCode(303);
    }

    @Test
    void previewingSavesNothingAndSaysWhenRenderServiceIsAway() {
        StudioSession s = StudioSession.of("author");
        String id = s.api().header("X-CSRF-Token", s.csrf()).contentType(ContentType.JSON)
                .body(Map.of("title", "Previewed " + UUID.randomUUID(), "markdown", "Stored.")).post("/api/posts").then()
                .statusCode(201).extract().path("id");
        // The module tests run without render-service: the regions say so, nothing breaks.
        s.form(Map.of("title", "t", "markdown", "# Unsaved heading")).post("/studio/live/preview").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("The preview is not available"))
                .body(containsString("aria-labelledby=\"preview-heading\"")).body(containsString("id=\"checks-heading\">Checks<"));
        // The button for browsers without script shows the page again with the text, saving nothing.
        s.form(Map.of("version", "1", "action", "preview", "title", "Not saved", "markdown", "Typed, not saved."))
                .post("/studio/editor/" + id).then().statusCode(200).body(containsString("Typed, not saved."))
                .body(containsString("data-unsaved"));
        s.api().get("/api/posts/" + id).then().body("markdown", equalTo("Stored.")).body("version", equalTo(1));

        given().cookie("cms_session", s.cookie()).contentType(ContentType.URLENC).formParams(Map.of("csrf", "forged", "markdown", "x"))
                .post("/studio/live/preview").then().statusCode(400).body("errors[0].field", equalTo("csrf"));
        given().contentType(ContentType.URLENC).formParams(Map.of("markdown", "x")).post("/studio/live/preview").then()
                .statusCode(401);
        s.form(Map.of("markdown", "x".repeat(1_000_001))).post("/studio/live/preview").then().statusCode(200)
                .body(containsString("longer than 1000000 characters"));
    }

    @Test
    void aPreviewLinkIsMadeFromTheEditorForWhoeverMayShareThePost() {
        StudioSession s = StudioSession.of("contributor");
        String id = s.api().header("X-CSRF-Token", s.csrf()).contentType(ContentType.JSON)
                .body(Map.of("title", "Shared draft " + UUID.randomUUID(), "markdown", "Draft.")).post("/api/posts").then()
                .statusCode(201).extract().path("id");
        String page = s.form(Map.of()).post("/studio/editor/" + id + "/preview-link").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.matches("(?s).*value=\"http://localhost:8082/api/preview/[A-Za-z0-9_-]{43}\".*"),
                page);
        s.api().get("/api/posts/" + id + "/preview-links").then().statusCode(200).body("size()", equalTo(1));
        StudioSession other = StudioSession.of("contributor");
        other.form(Map.of()).post("/studio/editor/" + id + "/preview-link").then().statusCode(404);
    }
}
