package io.cms.post.rest;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class PostResourceIT {

    /** PostgreSQL text cannot hold U+0000: a NUL anywhere is a 400, never a 500, and nothing is stored. */
    @Test
    void aNulCharacterIsAClientErrorNotAServerError() {
        String slug = "nul-" + System.nanoTime();
        admin().contentType(ContentType.JSON).body(body("Has a \u0000 NUL", "slug", slug)).post("/api/posts")
                .then().statusCode(400).contentType("application/problem+json");
        admin().get("/api/posts/" + slug).then().statusCode(404);
        given().queryParam("tag", "a\u0000b").get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("tag"));
    }

    @Test
    void createThenReadByIdAndSlug() {
        String title = unique("Hello world");
        var created = admin().contentType(ContentType.JSON)
                .body(body(title, "tags", List.of("java", "cms"), "status", "published", "lang", "en"))
                .post("/api/posts")
                .then().statusCode(201)
                .header("Location", containsString("/api/posts/"))
                .header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1))
                .body("status", equalTo("published"))
                .body("publishedAt", notNullValue())
                .body("tags", contains("java", "cms"))
                .extract();
        String id = created.path("id");
        String slug = created.path("slug");

        given().get("/api/posts/" + id).then().statusCode(200).body("title", equalTo(title))
                .header("Cache-Control", startsWith("public"));
        given().get("/api/posts/" + slug).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void conditionalGetAnswers304() {
        String id = create(body(unique("Cached"), "status", "published"));
        given().header("If-None-Match", "\"1\"").get("/api/posts/" + id).then().statusCode(304);
        given().header("If-None-Match", "\"7\"").get("/api/posts/" + id).then().statusCode(200);
    }

    @Test
    void updateHonoursIfMatchAndIncrementsVersion() {
        String title = unique("Versioned");
        String id = create(body(title));
        admin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body(title + " v2"))
                .put("/api/posts/" + id)
                .then().statusCode(200).body("version", equalTo(2)).header("ETag", equalTo("\"2\""));
        admin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body(title + " v3"))
                .put("/api/posts/" + id)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:cms:problem:precondition-failed"));
        // Without If-Match the write applies.
        admin().contentType(ContentType.JSON).body(body(title + " v3")).put("/api/posts/" + id)
                .then().statusCode(200).body("version", equalTo(3));
        // The same content again changes nothing, not even the version.
        admin().contentType(ContentType.JSON).body(body(title + " v3")).put("/api/posts/" + id)
                .then().statusCode(200).body("version", equalTo(3));
    }

    @Test
    void deleteHonoursIfMatch() {
        String id = create(body(unique("Doomed")));
        admin().header("If-Match", "\"9\"").delete("/api/posts/" + id).then().statusCode(412);
        admin().header("If-Match", "\"1\"").delete("/api/posts/" + id).then().statusCode(204);
        admin().get("/api/posts/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void writesNeedTheAdminToken() {
        given().contentType(ContentType.JSON).body(body("No token")).post("/api/posts")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(body("Bad token"))
                .post("/api/posts").then().statusCode(403).body("type", equalTo("urn:cms:problem:forbidden"));
    }

    @Test
    void draftsAreHiddenFromAnonymousReaders() {
        String id = create(body(unique("Secret draft")));
        given().get("/api/posts/" + id).then().statusCode(404);
        admin().get("/api/posts/" + id).then().statusCode(200).body("status", equalTo("draft"))
                .header("Cache-Control", equalTo("private, no-store"));
    }

    @Test
    void validationErrorsNameTheField() {
        admin().contentType(ContentType.JSON).body(Map.of("markdown", "no title"))
                .post("/api/posts").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:cms:problem:validation"))
                .body("errors.field", hasItem("title"));
        admin().contentType(ContentType.JSON).body(body("Bad status", "status", "live"))
                .post("/api/posts").then().statusCode(400).body("errors.field", hasItem("status"));
        admin().contentType(ContentType.JSON).body(body("Bad tags", "tags", List.of("ok", " ")))
                .post("/api/posts").then().statusCode(400).body("errors.field", hasItem("tags[1]"));
        admin().contentType(ContentType.JSON).body(body("Bad date", "publishedAt", "yesterday"))
                .post("/api/posts").then().log().ifValidationFails().statusCode(400).body("errors.field", hasItem("publishedAt"));
        admin().contentType(ContentType.JSON).body(body("Far off", "publishedAt", "+999999999-12-31T23:59:59Z"))
                .post("/api/posts").then().log().ifValidationFails().statusCode(400).body("errors.field", hasItem("publishedAt"));
        admin().contentType(ContentType.JSON).body(body("Unknown", "titel", "typo"))
                .post("/api/posts").then().statusCode(400).body("errors.field", hasItem("titel"));
        admin().contentType(ContentType.JSON).body("{\"title\": ")
                .post("/api/posts").then().log().ifValidationFails().statusCode(400).body("errors.field", hasItem("body"));
        admin().contentType(ContentType.JSON).body(body("Late", "status", "scheduled"))
                .post("/api/posts").then().log().ifValidationFails().statusCode(400).body("errors.field", hasItem("publishedAt"));
        admin().contentType(ContentType.JSON).body(body("Reserved", "frontMatter", Map.of("title", "x")))
                .post("/api/posts").then().statusCode(400).body("errors.field", hasItem("frontMatter.title"));
    }

    @Test
    void japaneseTitlesGiveJapaneseSlugsAndClashesGetSuffixes() {
        String title = "中国AI企業5300社突破、その数字が語る真意とは？ " + unique("");
        String first = create(body(title));
        String second = create(body(title));
        String slug = admin().get("/api/posts/" + first).then().extract().path("slug");
        org.junit.jupiter.api.Assertions.assertTrue(slug.startsWith("中国ai企業5300社突破-その数字が語る真意とは-"), slug);
        admin().get("/api/posts/" + second).then().body("slug", equalTo(slug + "-2"));
        admin().contentType(ContentType.JSON).body(body("Explicit", "slug", slug))
                .post("/api/posts").then().statusCode(409).body("errors.field", hasItem("slug"));
    }

    @Test
    void unknownPostIs404Problem() {
        given().get("/api/posts/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        admin().contentType(ContentType.JSON).body(body("x")).put("/api/posts/not-a-uuid").then().statusCode(404);
    }
}
