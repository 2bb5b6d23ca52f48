package io.cms.post.taxonomy;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.text.Slugs;
import io.cms.post.InfraResource;
import io.cms.post.Post;
import io.cms.post.messaging.ContractFixtures;
import io.cms.post.messaging.EventTap;
import io.cms.post.messaging.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Tags and authors as entities, through the real database and broker. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class TermsIT {

    @Inject
    TermBackfill backfill;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPostsTagsBecomeEntitiesWithCountsOfPublishedPosts() throws Exception {
        try (EventTap terms = new EventTap(Topics.TERMS)) {
            String name = unique("Rust Lang");
            String slug = Slugs.slugify(name, "tag");
            create(body(unique("One"), "tags", List.of(name), "status", "published"));
            create(body(unique("Two"), "tags", List.of(name.toLowerCase()), "status", "published"));
            create(body(unique("Draft"), "tags", List.of(name)));

            admin().get("/api/tags/" + slug).then().statusCode(200)
                    .body("name", equalTo(name)).body("slug", equalTo(slug))
                    .body("id", equalTo(Slugs.termId("tag", slug).toString()))
                    .body("posts.published", equalTo(2)).body("version", equalTo(1));
            String id = Slugs.termId("tag", slug).toString();
            List<EventTap.Event> created = await().atMost(Duration.ofSeconds(30)).until(() -> terms.forKey(id), l -> !l.isEmpty());
            assertEquals(1, created.size(), "one creation, however many posts name it");
            assertEquals("cms.tag.created", created.get(0).header("ce_type"));
            assertEquals(slug, JSON.readTree(created.get(0).value()).get("slug").asText());
        }
    }

    @Test
    void renamingATagRenamesItOnEveryPostThroughTheirEvents() throws Exception {
        try (EventTap posts = new EventTap(); EventTap terms = new EventTap(Topics.TERMS)) {
            String name = unique("Go");
            String slug = Slugs.slugify(name, "tag");
            String a = create(body(unique("A"), "tags", List.of("keep", name), "status", "published"));
            String b = create(body(unique("B"), "tags", List.of(name)));
            String untouched = create(body(unique("C"), "tags", List.of("keep")));
            String tagId = admin().get("/api/tags/" + slug).then().statusCode(200).extract().path("id");

            String renamed = unique("Golang");
            String newSlug = Slugs.slugify(renamed, "tag");
            admin().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(Map.of("name", renamed, "description", "The Go language", "accentColor", "#00add8"))
                    .put("/api/tags/" + slug).then().statusCode(200)
                    .body("id", equalTo(tagId)).body("slug", equalTo(newSlug)).body("version", equalTo(2));

            admin().get("/api/posts/" + a).then().body("tags", equalTo(List.of("keep", renamed))).body("version", equalTo(2));
            admin().get("/api/posts/" + b).then().body("tags", equalTo(List.of(renamed)));
            admin().get("/api/posts/" + untouched).then().body("version", equalTo(1));
            admin().get("/api/tags/" + tagId).then().statusCode(200).body("slug", equalTo(newSlug)); // the id stays
            admin().get("/api/tags/" + slug).then().statusCode(404);
            given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).get("/api/tags/" + newSlug).then()
                    .body("description", equalTo("The Go language")).body("posts.published", equalTo(1));
            admin().get("/api/posts/" + a + "/revisions").then().statusCode(200);

            List<EventTap.Event> ofA = await().atMost(Duration.ofSeconds(30)).until(() -> posts.forKey(a), l -> l.size() >= 2);
            JsonNode update = JSON.readTree(ofA.get(1).value());
            assertEquals(List.of("tags"), JSON.convertValue(update.get("changedFields"), List.class));
            assertEquals(renamed, update.get("tags").get(1).asText());
            List<EventTap.Event> ofTag = await().atMost(Duration.ofSeconds(30))
                    .until(() -> terms.forKey(tagId), l -> l.stream().anyMatch(e -> e.header("ce_type").equals("cms.tag.updated")));
            ContractFixtures.assertMatches(ofTag.get(ofTag.size() - 1));
            JsonNode tag = JSON.readTree(ofTag.get(ofTag.size() - 1).value());
            assertEquals(newSlug, tag.get("slug").asText());
            assertEquals("#00add8", tag.get("accentColor").asText());
            assertTrue(posts.forKey(untouched).stream().allMatch(e -> e.header("ce_type").equals("cms.post.created")),
                    "a post without the tag has no event of the rename");
        }
    }

    @Test
    void mergingMovesThePostsAndDeletingTakesTheTagOff() {
        String from = unique("JS");
        String into = unique("JavaScript");
        String a = create(body(unique("A"), "tags", List.of(from, into)));
        String b = create(body(unique("B"), "tags", List.of(from, "other")));
        String fromSlug = Slugs.slugify(from, "tag");
        String intoSlug = Slugs.slugify(into, "tag");

        admin().contentType(ContentType.JSON).body(Map.of("into", intoSlug)).post("/api/tags/" + fromSlug + "/merge")
                .then().statusCode(200).body("slug", equalTo(intoSlug));
        admin().get("/api/posts/" + a).then().body("tags", equalTo(List.of(into)));
        admin().get("/api/posts/" + b).then().body("tags", equalTo(List.of(into, "other")));
        admin().get("/api/tags/" + fromSlug).then().statusCode(404);

        admin().delete("/api/tags/" + intoSlug).then().statusCode(204);
        admin().get("/api/posts/" + a).then().body("tags", equalTo(List.of()));
        admin().get("/api/posts/" + b).then().body("tags", equalTo(List.of("other")));
        admin().get("/api/tags/" + intoSlug).then().statusCode(404);
    }

    @Test
    void authorsAreEntitiesLinkedToTheirUsersAndRenamedOnTheirPosts() {
        String name = unique("Ada Lovelace");
        String email = unique("ada").replace(' ', '-') + "@example.com";
        String user = admin().contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", name, "role", "author",
                        "password", "correct horse battery staple"))
                .post("/api/users").then().statusCode(201).extract().path("id");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery staple"))
                .post("/api/session").then().statusCode(200).extract().path("token");
        String post = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(body(unique("By Ada"), "author", name)).post("/api/posts").then().statusCode(201).extract().path("id");
        String slug = Slugs.slugify(name, "author");
        admin().get("/api/authors/" + slug).then().statusCode(200).body("name", equalTo(name)).body("userId", equalTo(user));

        String renamed = unique("Augusta Ada King");
        admin().contentType(ContentType.JSON).body(Map.of("name", renamed, "description", "Analyst", "website", "https://example.com/ada"))
                .put("/api/authors/" + slug).then().statusCode(200).body("userId", equalTo(user))
                .body("website", equalTo("https://example.com/ada"));
        admin().get("/api/posts/" + post).then().body("author", equalTo(renamed));
        admin().get("/api/authors").then().statusCode(200).body("items.name", hasItem(renamed));
    }

    @Test
    void badInputIsAClearProblemAndNothingChanges() {
        String name = unique("Kept");
        String other = unique("Taken");
        create(body(unique("P"), "tags", List.of(name, other)));
        String slug = Slugs.slugify(name, "tag");

        problem(Map.of("website", "https://example.com"), slug, 400, "website");
        problem(Map.of("accentColor", "red"), slug, 400, "accentColor");
        problem(Map.of("image", "javascript:alert(1)"), slug, 400, "image");
        problem(Map.of("name", other.toUpperCase()), slug, 409, "name");
        problem(Map.of("name", " "), slug, 400, "name");
        problem(Map.of("nonsense", 1), slug, 400, "nonsense");
        admin().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(Map.of("description", "x"))
                .put("/api/tags/" + slug).then().statusCode(412);
        admin().contentType(ContentType.JSON).body(Map.of("into", slug)).post("/api/tags/" + slug + "/merge").then()
                .statusCode(400);
        admin().contentType(ContentType.JSON).body(Map.of("userId", "00000000-0000-0000-0000-000000000000"))
                .put("/api/authors/nobody-" + slug).then().statusCode(400).body("errors.field", hasItem("userId"));
        admin().contentType(ContentType.JSON).body(Map.of("description", "x")).put("/api/authors/nobody-" + slug).then()
                .statusCode(404);
        admin().get("/api/tags/" + slug).then().statusCode(200).body("name", equalTo(name)).body("version", equalTo(1));
        given().get("/api/tags").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void listsCountEachTermsPublishedPosts() {
        String first = "000 " + unique("Counted"); // sorts before every other tag of the run
        String second = "000 " + unique("Counted too");
        String author = "000 " + unique("Counted Author");
        create(body(unique("P1"), "tags", List.of(first, second), "author", author, "status", "published"));
        create(body(unique("P2"), "tags", List.of(first), "author", author, "status", "published"));
        create(body(unique("Draft"), "tags", List.of(first, second), "author", author));
        var tags = admin().get("/api/tags?limit=100").then().statusCode(200).extract().jsonPath();
        assertEquals(2, tags.getInt("items.find { it.slug == '" + Slugs.slugify(first, "tag") + "' }.posts.published"),
                tags.prettify());
        assertEquals(1, tags.getInt("items.find { it.slug == '" + Slugs.slugify(second, "tag") + "' }.posts.published"));
        var authors = admin().get("/api/authors?limit=100").then().statusCode(200).extract().jsonPath();
        assertEquals(2, authors.getInt("items.find { it.slug == '" + Slugs.slugify(author, "author") + "' }.posts.published"));
    }

    @Test
    void readsAreConditional() {
        String name = unique("Etagged");
        create(body(unique("P"), "tags", List.of(name), "status", "published"));
        String slug = Slugs.slugify(name, "tag");
        String etag = admin().get("/api/tags/" + slug).then().statusCode(200).header("Cache-Control", "private, no-store")
                .extract().header("ETag");
        admin().header("If-None-Match", etag).get("/api/tags/" + slug).then().statusCode(304);
        create(body(unique("Q"), "tags", List.of(name), "status", "published"));
        admin().header("If-None-Match", etag).get("/api/tags/" + slug).then().statusCode(200).body("posts.published", equalTo(2));
    }

    @Test
    void postsWrittenBeforeTermsExistedAreBackfilled() throws Exception {
        String name = unique("Old Tag");
        String author = unique("Old Author");
        String id = create(body(unique("Old"), "tags", List.of(name), "author", author));
        QuarkusTransaction.requiringNew().run(() -> {
            Post.getEntityManager().createNativeQuery("UPDATE post SET tag_slugs = NULL, author_slug = NULL WHERE id = ?1")
                    .setParameter(1, java.util.UUID.fromString(id)).executeUpdate();
            Term.delete("slug in ?1", List.of(Slugs.slugify(name, "tag"), Slugs.slugify(author, "author")));
        });
        admin().get("/api/tags/" + Slugs.slugify(name, "tag")).then().statusCode(404);

        while (backfill.batch() > 0) {
            // until every post has its slugs
        }
        admin().get("/api/tags/" + Slugs.slugify(name, "tag")).then().statusCode(200).body("name", equalTo(name));
        admin().get("/api/authors/" + Slugs.slugify(author, "author")).then().statusCode(200).body("name", equalTo(author));
        Post post = QuarkusTransaction.requiringNew().call(() -> Post.findById(java.util.UUID.fromString(id)));
        assertEquals(List.of(Slugs.slugify(name, "tag")), post.tagSlugs);
        assertEquals(1, post.version, "derived slugs are not a change of the post");
    }

    private static void problem(Map<String, Object> input, String slug, int status, String field) {
        admin().contentType(ContentType.JSON).body(input).put("/api/tags/" + slug).then().statusCode(status)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
