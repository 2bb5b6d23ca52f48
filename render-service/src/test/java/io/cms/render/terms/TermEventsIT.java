package io.cms.render.terms;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.common.text.Slugs;
import io.cms.render.InfraResource;
import io.cms.render.changes.ChangeLog;
import io.cms.testkit.ContractEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** {@code cms.terms} through the real broker and database: what tags and authors say of themselves. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class TermEventsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    ChangeLog changes;

    @Test
    void aTermsOwnFieldsReachTheContentApiAndTheChangeFeedNewestFirst() throws Exception {
        String tag = "Term Tag " + RUN;
        String tagSlug = Slugs.slugify(tag, "tag");
        String author = "Term Author " + RUN;
        String authorSlug = Slugs.slugify(author, "author");
        UUID post = UUID.randomUUID();
        UUID tagId = UUID.randomUUID(); // not the id its slug gives: an entity's id wins
        UUID authorId = UUID.randomUUID();
        long head = changes.head();
        try (ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.published", post, "term-post-" + RUN, 1, Map.of("title", "Termed", "markdown", "Body.",
                    "tags", List.of(tag), "author", author, "layout", "post", "frontMatter", Map.of()));
            events.sendTerm("cms.tag.updated", tagId, tagSlug, tag, 3, Map.of("description", "What this tag is about"));
            events.sendTerm("cms.author.updated", authorId, authorSlug, author, 2,
                    Map.of("description", "Writes things", "website", "https://example.com/me"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/ghost/api/content/tags/slug/" + tagSlug + "/")
                .then().extract().path("tags[0].description") != null);
        api().get("/ghost/api/content/tags/" + tagId + "/").then().statusCode(200)
                .body("tags[0].slug", equalTo(tagSlug)).body("tags[0].accent_color", equalTo("#15171a"))
                .body("tags[0].meta_title", equalTo("生成AIの記事"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/ghost/api/content/authors/slug/" + authorSlug + "/")
                .then().extract().path("authors[0].bio") != null);
        api().get("/ghost/api/content/posts/" + post + "/?include=tags,authors").then().statusCode(200)
                .body("posts[0].tags[0].id", equalTo(tagId.toString()))
                .body("posts[0].tags[0].description", equalTo("What this tag is about"))
                .body("posts[0].primary_author.id", equalTo(authorId.toString()))
                .body("posts[0].primary_author.website", equalTo("https://example.com/me"))
                .body("posts[0].primary_author.location", equalTo("東京"));

        Map<String, String> kinds = new HashMap<>();
        changes.after(head, 1000).stream().filter(c -> c.postId().equals(tagId) || c.postId().equals(authorId))
                .forEach(c -> kinds.put(c.postId().toString(), c.kind()));
        assertEquals(Map.of(tagId.toString(), "tag.updated", authorId.toString(), "author.updated"), kinds);

        try (ContractEvents events = new ContractEvents()) {
            events.sendTerm("cms.tag.updated", tagId, tagSlug, tag, 2, Map.of("description", "An older version"));
            events.sendTerm("cms.tag.merged", tagId, tagSlug, tag, 4, Map.of());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/ghost/api/content/tags/slug/" + tagSlug + "/")
                .then().extract().path("tags[0].id").equals(Slugs.termId("tag", tagSlug).toString()));
        api().get("/ghost/api/content/tags/slug/" + tagSlug + "/").then().body("tags[0].description", nullValue());
        api().get("/ghost/api/content/tags/" + tagId + "/").then().statusCode(404);
        assertEquals(List.of("tag.deleted"), changes.after(head, 1000).stream()
                .filter(c -> c.postId().equals(tagId) && !c.kind().equals("tag.updated")).map(ChangeLog.Change::kind).toList(),
                "the older version changed nothing; the merge is the tag's deletion");
    }

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
    }
}
