package io.cms.post.rest;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters, sorting and paging of {@code GET /api/posts}; each run uses its own tag so data never mixes. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class PostListIT {

    private static final String TAG = "list-" + unique("").strip();

    private static boolean created;

    /** Once per class, but after Quarkus is up (a static @BeforeAll runs before the HTTP port is known). */
    @BeforeEach
    void createPosts() {
        if (created) {
            return;
        }
        created = true;
        create(body("B published 2021", "tags", List.of(TAG, "java"), "categories", List.of("tech"), "author", "alice",
                "lang", "en", "status", "published", "publishedAt", "2021-06-01T00:00:00Z"));
        create(body("A published 2023", "tags", List.of(TAG), "categories", List.of("life"), "author", "bob",
                "lang", "ja", "status", "published", "publishedAt", "2023-06-01T00:00:00Z"));
        create(body("C published 2022", "tags", List.of(TAG, "java"), "categories", List.of("tech"), "author", "alice",
                "lang", "en-US", "status", "published", "publishedAt", "2022-06-01T00:00:00Z"));
        create(body("D draft", "tags", List.of(TAG, "java"), "author", "alice"));
        create(body("E scheduled", "tags", List.of(TAG), "status", "scheduled", "publishedAt", "2099-01-01T00:00:00Z"));
    }

    private static List<String> titles(io.restassured.response.Response r) {
        return r.then().statusCode(200).extract().jsonPath().getList("items.title");
    }

    @Test
    void anonymousReadersSeeOnlyPublishedPostsNewestFirst() {
        assertEquals(List.of("A published 2023", "C published 2022", "B published 2021"),
                titles(given().queryParam("tag", TAG).get("/api/posts")));
        given().queryParam("tag", TAG).get("/api/posts").then().body("total", equalTo(3));
        given().queryParam("tag", TAG).queryParam("status", "draft").get("/api/posts").then().statusCode(401);
    }

    @Test
    void adminSeesEveryStatusAndCanFilterByIt() {
        admin().queryParam("tag", TAG).get("/api/posts").then().body("total", equalTo(5));
        assertEquals(List.of("D draft"), titles(admin().queryParam("tag", TAG).queryParam("status", "draft").get("/api/posts")));
        assertEquals(List.of("E scheduled"),
                titles(admin().queryParam("tag", TAG).queryParam("status", "scheduled").get("/api/posts")));
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of("C published 2022", "B published 2021"),
                titles(given().queryParam("tag", TAG).queryParam("category", "tech").get("/api/posts")));
        assertEquals(List.of("C published 2022", "B published 2021"),
                titles(given().queryParam("tag", TAG).queryParam("author", "alice").get("/api/posts")));
        assertEquals(List.of("A published 2023"),
                titles(given().queryParam("tag", TAG).queryParam("lang", "JA").get("/api/posts")));
        assertEquals(List.of("C published 2022"), titles(given().queryParam("tag", TAG)
                .queryParam("from", "2022-01-01").queryParam("to", "2022-12-31").get("/api/posts")));
    }

    @Test
    void sortsAscendingAndDescending() {
        assertEquals(List.of("B published 2021", "C published 2022", "A published 2023"),
                titles(given().queryParam("tag", TAG).queryParam("sort", "publishedAt").get("/api/posts")));
        assertEquals(List.of("A published 2023", "B published 2021", "C published 2022"),
                titles(given().queryParam("tag", TAG).queryParam("sort", "title").get("/api/posts")));
        assertEquals(List.of("C published 2022", "B published 2021", "A published 2023"),
                titles(given().queryParam("tag", TAG).queryParam("sort", "-title").get("/api/posts")));
    }

    @Test
    void pagesCarryTheTotal() {
        given().queryParam("tag", TAG).queryParam("limit", 2).queryParam("page", 2).get("/api/posts")
                .then().statusCode(200).body("total", equalTo(3)).body("page", equalTo(2)).body("limit", equalTo(2))
                .body("items.title", equalTo(List.of("B published 2021")));
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("limit", 0).get("/api/posts").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().queryParam("limit", "ten").get("/api/posts").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().queryParam("page", -1).get("/api/posts").then().statusCode(400).body("errors.field", hasItem("page"));
        given().queryParam("sort", "color").get("/api/posts").then().statusCode(400).body("errors.field", hasItem("sort"));
        given().queryParam("from", "last week").get("/api/posts").then().statusCode(400).body("errors.field", hasItem("from"));
        given().queryParam("to", "+999999999-12-31T23:59:59Z").get("/api/posts").then().statusCode(400).body("errors.field", hasItem("to"));
        given().queryParam("status", "gone").get("/api/posts").then().statusCode(400).body("errors.field", hasItem("status"));
    }

    @Test
    void pagesEndAtTheResultWindowWithAProblemThatSaysSo() {
        admin().queryParam("page", 100).queryParam("limit", 100).get("/api/posts").then().statusCode(200);
        given().queryParam("page", 101).queryParam("limit", 100).get("/api/posts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"))
                .body("errors[0].limit", equalTo(10_000))
                .body("errors[0].actual", equalTo(10_100));
        given().queryParam("page", 1_000_000_000).get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    /**
     * Walking by cursor gives every post once, in the order one big page has: with ties on the sort
     * value, nulls (drafts have no publishedAt), both directions, and titles in any script.
     */
    @Test
    void aCursorWalkVisitsEveryPostOnceInSortOrder() {
        String tag = "walk-" + unique("").strip();
        for (String when : List.of("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2024-05-05T10:00:00Z")) {
            create(body("同じ日 " + when, "tags", List.of(tag), "status", "published", "publishedAt", when));
        }
        create(body("Draft one", "tags", List.of(tag)));
        create(body("Draft one", "tags", List.of(tag)));
        create(body("ä draft", "tags", List.of(tag)));
        for (String sort : List.of("-publishedAt", "publishedAt", "title", "-title", "-updatedAt", "updatedAt")) {
            List<String> expected = admin().queryParam("tag", tag).queryParam("sort", sort).queryParam("limit", 100)
                    .get("/api/posts").then().statusCode(200).extract().jsonPath().getList("items.id");
            assertEquals(7, expected.size());
            List<String> walked = new java.util.ArrayList<>();
            io.restassured.response.Response page = admin().queryParam("tag", tag).queryParam("sort", sort)
                    .queryParam("limit", 2).get("/api/posts");
            for (int guard = 0; guard < 10; guard++) {
                page.then().statusCode(200).body("total", equalTo(7));
                walked.addAll(page.jsonPath().getList("items.id"));
                String next = page.jsonPath().getString("next");
                if (next == null) {
                    break;
                }
                assertEquals("<" + next + ">; rel=\"next\"", page.header("Link"));
                page = admin().urlEncodingEnabled(false).get(next);
            }
            assertEquals(expected, walked, "walk in " + sort);
        }
    }

    @Test
    void aCursorIsCheckedAndHoldsItsSort() {
        String next = admin().queryParam("tag", TAG).queryParam("limit", 1).get("/api/posts").then().statusCode(200)
                .extract().jsonPath().getString("next");
        String cursor = next.substring(next.indexOf("cursor=") + "cursor=".length()).split("&")[0];
        admin().queryParam("cursor", cursor).queryParam("tag", TAG).get("/api/posts").then().statusCode(200)
                .body("page", org.hamcrest.Matchers.nullValue());
        given().queryParam("cursor", "bm90IGEgY3Vyc29y").get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("cursor", cursor).queryParam("page", 2).get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().queryParam("cursor", cursor).queryParam("sort", "title").get("/api/posts").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        String raw = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        String farOff = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((raw.substring(0, raw.lastIndexOf('=') + 1)
                + "+999999999-12-31T23:59:59Z").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().queryParam("cursor", farOff).get("/api/posts").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }
}
