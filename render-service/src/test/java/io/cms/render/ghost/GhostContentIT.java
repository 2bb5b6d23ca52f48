package io.cms.render.ghost;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.render.InfraResource;
import io.cms.testkit.ContractEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Ghost Content API over posts that arrive as change events through the real broker and
 * database: Ghost's envelope, fields, filters, paging and errors. (Ghost's own clients are run
 * against the whole stack, with real content keys, in deploy/e2e FrontendClientsIT.)
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class GhostContentIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TAG = "ghost-" + RUN;
    private static final UUID FIRST = UUID.randomUUID();
    private static final UUID SECOND = UUID.randomUUID();
    private static final UUID THIRD = UUID.randomUUID();
    private static final UUID PAGE = UUID.randomUUID();
    private static final String JAPANESE_SLUG = "日本語の記事-" + RUN;

    private static boolean published;

    /** Once for the class; in a BeforeEach, where RestAssured already has the test's port. */
    @BeforeEach
    void publish() throws Exception {
        if (published) {
            return;
        }
        published = true;
        try (ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.published", FIRST, JAPANESE_SLUG, 1, Map.of("title", "最初の記事", "markdown",
                    "# 見出し\n\n最初の本文 & <b>太字</b>。", "tags", List.of(TAG, "日本語 " + RUN), "author", "Ghost Author " + RUN,
                    "publishedAt", "2024-01-01T09:00:00Z", "excerpt", "自分で書いた要約", "layout", "post",
                    "frontMatter", Map.of("featured", true, "image", Map.of("path", "/img/first.png", "alt", "A picture"),
                            "description", "The description", "canonical_url", "https://example.com/first")));
            events.sendPost("cms.post.published", SECOND, "second-" + RUN, 1, Map.of("title", "Second", "markdown", "Second body.",
                    "tags", List.of(TAG), "author", "Ghost Author " + RUN, "publishedAt", "2024-02-01T09:00:00Z", "layout", "post",
                    "frontMatter", Map.of()));
            events.sendPost("cms.post.published", THIRD, "third-" + RUN, 1, Map.of("title", "Third", "markdown", "Third body.",
                    "tags", List.of("other-" + RUN, TAG), "author", "Someone Else " + RUN, "publishedAt", "2024-03-01T09:00:00Z",
                    "layout", "post", "frontMatter", Map.of()));
            events.sendPost("cms.post.published", PAGE, "about-" + RUN, 1, Map.of("title", "About", "markdown", "About us.",
                    "tags", List.of(TAG), "publishedAt", "2024-01-15T09:00:00Z", "layout", "page", "frontMatter", Map.of()));
        }
        for (String path : List.of("posts/" + FIRST + "/", "posts/" + SECOND + "/", "posts/" + THIRD + "/", "pages/" + PAGE + "/")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/ghost/api/content/" + path).statusCode() == 200);
        }
    }

    /** Module tests run without post-service, so without content keys: the admin token stands in. */
    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).header("Accept-Version", "v5.0");
    }

    @Test
    void browsingPostsGivesGhostsEnvelopeFieldsAndPaging() {
        JsonPath page = api().queryParam("order", "published_at asc")
                .get("/ghost/api/content/posts/?filter=tag:" + TAG + "&include=tags,authors&limit=2").then().statusCode(200)
                .header("Cache-Control", "public, max-age=60, stale-while-revalidate=300")
                .body("posts.id", contains(FIRST.toString(), SECOND.toString()))
                .body("meta.pagination.page", equalTo(1)).body("meta.pagination.limit", equalTo(2))
                .body("meta.pagination.pages", equalTo(2)).body("meta.pagination.total", equalTo(3))
                .body("meta.pagination.next", equalTo(2)).body("meta.pagination.prev", nullValue())
                .extract().jsonPath();
        Map<String, Object> first = page.getMap("posts[0]");
        assertEquals("最初の記事", first.get("title"));
        assertEquals("http://localhost:8082/%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%81%AE%E8%A8%98%E4%BA%8B-" + RUN + "/", first.get("url"),
                "a Unicode slug percent-encoded");
        assertEquals(true, first.get("featured"));
        assertEquals("public", first.get("visibility"));
        assertEquals("2024-01-01T09:00:00.000+00:00", first.get("published_at"));
        assertEquals("自分で書いた要約", first.get("custom_excerpt"));
        assertEquals("/img/first.png", first.get("feature_image"));
        assertEquals("A picture", first.get("feature_image_alt"));
        assertEquals("The description", first.get("meta_description"));
        assertEquals("https://example.com/first", first.get("canonical_url"));
        assertTrue(first.containsKey("og_image") && first.get("og_image") == null, "Ghost's fields, null where there is nothing");
        assertTrue(((String) first.get("html")).contains("<h1"), String.valueOf(first.get("html")));
        assertTrue(!first.containsKey("plaintext"), "html only unless asked");
        assertEquals(TAG, page.getString("posts[0].tags[0].slug"));
        assertEquals(TAG, page.getString("posts[0].primary_tag.slug"));
        assertEquals("日本語-" + RUN, page.getString("posts[0].tags[1].slug"));
        assertEquals("ghost-author-" + RUN, page.getString("posts[0].primary_author.slug"));
        assertEquals("http://localhost:8082/author/ghost-author-" + RUN + "/", page.getString("posts[0].authors[0].url"));

        api().queryParam("order", "published_at ASC").get("/ghost/api/content/posts/?filter=tag:" + TAG + "&limit=2&page=2").then()
                .body("posts.id", contains(THIRD.toString())).body("meta.pagination.next", nullValue())
                .body("meta.pagination.prev", equalTo(1)).body("posts[0]", not(org.hamcrest.Matchers.hasKey("tags")));
        api().get("/ghost/api/content/posts/?filter=tag:" + TAG + "&limit=all").then().body("meta.pagination.limit", equalTo(100))
                .body("posts.id", contains(THIRD.toString(), SECOND.toString(), FIRST.toString())); // newest first by default
    }

    @Test
    void filtersReadAsNql() {
        assertEquals(List.of(FIRST.toString()), ids("featured:true+tag:" + TAG));
        assertEquals(List.of(THIRD.toString(), SECOND.toString()), ids("tag:" + TAG + "+featured:false"));
        assertEquals(List.of(THIRD.toString(), SECOND.toString()), ids("tag:" + TAG + "+tag:-'日本語-" + RUN + "'"));
        assertEquals(List.of(THIRD.toString()), ids("tag:" + TAG + "+published_at:>'2024-02-15'"));
        assertEquals(List.of(SECOND.toString(), FIRST.toString()), ids("tag:" + TAG + "+published_at:<=2024-02-01T09:00:00Z"));
        assertEquals(List.of(THIRD.toString(), SECOND.toString()), ids("slug:[second-" + RUN + ",third-" + RUN + "]"));
        assertEquals(List.of(THIRD.toString(), FIRST.toString()), ids("(author:someone-else-" + RUN + ",featured:true)+tag:" + TAG));
        assertEquals(List.of(THIRD.toString()), ids("tag:" + TAG + "+title:~'hir'"));
        assertEquals(List.of(THIRD.toString()), ids("primary_tag:other-" + RUN));
        assertEquals(List.of(SECOND.toString()), ids("id:" + SECOND));
        assertEquals(List.of(), ids("id:not-an-id"));
        assertEquals(List.of(THIRD.toString(), SECOND.toString(), FIRST.toString()), ids("tag:" + TAG + "+visibility:public"));
    }

    private static List<String> ids(String filter) {
        return api().queryParam("filter", filter).get("/ghost/api/content/posts/").then().statusCode(200).extract().path("posts.id");
    }

    @Test
    void readingOnePostByIdOrSlugWithFormatsAndFields() {
        api().get("/ghost/api/content/posts/" + FIRST + "/?formats=html,plaintext").then().statusCode(200)
                .body("posts.size()", equalTo(1)).body("meta", nullValue())
                .body("posts[0].plaintext", equalTo("見出し\n\n最初の本文 & 太字。"));
        api().get("/ghost/api/content/posts/slug/" + JAPANESE_SLUG + "/?fields=title,url").then().statusCode(200)
                .body("posts[0].keySet()", contains("title", "url"));
        api().get("/ghost/api/content/pages/slug/about-" + RUN + "/").then().statusCode(200).body("pages[0].title", equalTo("About"));
        api().get("/ghost/api/content/posts/slug/about-" + RUN + "/").then().statusCode(404); // a page is not a post
        api().get("/ghost/api/content/pages/?filter=tag:" + TAG).then().body("pages.id", contains(PAGE.toString()));
    }

    @Test
    void tagsAndAuthorsWithTheirCounts() {
        JsonPath tags = api().get("/ghost/api/content/tags/?filter=slug:[" + TAG + ",other-" + RUN + "]&include=count.posts")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("ghost-" + RUN, "other-" + RUN), tags.getList("tags.slug"));
        assertEquals(3, tags.getInt("tags[0].count.posts"), "posts only: the page is not counted");
        assertEquals("http://localhost:8082/tag/" + TAG + "/", tags.getString("tags[0].url"));
        String id = tags.getString("tags[0].id");
        api().get("/ghost/api/content/tags/" + id + "/").then().statusCode(200).body("tags[0].slug", equalTo(TAG))
                .body("tags[0]", not(org.hamcrest.Matchers.hasKey("count")));
        api().get("/ghost/api/content/tags/slug/" + TAG + "/?include=count.posts").then().body("tags[0].count.posts", equalTo(3));
        api().get("/ghost/api/content/authors/?filter=slug:ghost-author-" + RUN + "&include=count.posts").then().statusCode(200)
                .body("authors[0].name", equalTo("Ghost Author " + RUN)).body("authors[0].count.posts", equalTo(2))
                .body("authors[0].profile_image", nullValue());
        api().queryParam("order", "count.posts desc").get("/ghost/api/content/tags/?limit=1").then().statusCode(200)
                .body("tags[0].slug", notNullValue());
    }

    @Test
    void aKeptTagListFollowsTheNextChange() throws Exception {
        String tag = "kept-" + RUN;
        UUID post = UUID.randomUUID();
        String list = "/ghost/api/content/tags/?filter=slug:" + tag + "&include=count.posts";
        try (ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.published", post, "kept-one-" + RUN, 1, Map.of("title", "Kept one", "markdown", "One.",
                    "tags", List.of(tag), "publishedAt", "2024-04-01T09:00:00Z", "layout", "post", "frontMatter", Map.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> api().get(list).jsonPath().getInt("tags.size()") == 1);
            api().get(list).then().body("tags[0].count.posts", equalTo(1)); // read twice: kept in memory now
            api().get(list).then().body("tags[0].count.posts", equalTo(1));
            UUID another = UUID.randomUUID();
            events.sendPost("cms.post.published", another, "kept-two-" + RUN, 1, Map.of("title", "Kept two", "markdown", "Two.",
                    "tags", List.of(tag), "publishedAt", "2024-04-02T09:00:00Z", "layout", "post", "frontMatter", Map.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/ghost/api/content/posts/" + another + "/").statusCode() == 200);
            // Not the kept page (kept for a minute otherwise): the render's change drops it, within moments of the commit.
            await().atMost(Duration.ofSeconds(3)).until(() -> api().get(list).jsonPath().getInt("tags[0].count.posts") == 2);
        }
    }

    @Test
    void settingsDescribeTheSite() {
        api().get("/ghost/api/content/settings/").then().statusCode(200).body("settings.title", equalTo("CMS"))
                .body("settings.lang", equalTo("en")).body("settings.timezone", equalTo("UTC"))
                .body("settings.url", equalTo("http://localhost:8082/")).body("settings.navigation.size()", equalTo(0));
    }

    @Test
    void errorsComeInGhostsShape() {
        given().get("/ghost/api/content/posts/").then().statusCode(401).body("errors[0].type", equalTo("UnauthorizedError"));
        given().get("/ghost/api/content/posts/?key=0123456789abcdef0123456789").then().statusCode(401)
                .body("errors[0].type", equalTo("UnauthorizedError"));
        given().get("/ghost/api/content/posts/?key=not-a-key").then().statusCode(401)
                .body("errors[0].type", equalTo("UnauthorizedError")).body("errors[0].context", equalTo("Unknown Content API Key"));
        api().queryParam("filter", "tag:(").get("/ghost/api/content/posts/").then().statusCode(400)
                .body("errors[0].type", equalTo("BadRequestError")).body("errors[0].context", org.hamcrest.Matchers.startsWith("filter: "));
        api().queryParam("filter", "colour:red").get("/ghost/api/content/posts/").then().statusCode(400)
                .body("errors[0].context", org.hamcrest.Matchers.containsString("unknown field colour"));
        api().queryParam("filter", "published_at:>'yesterday'").get("/ghost/api/content/posts/").then().statusCode(400);
        api().queryParam("filter", "tag:~x").get("/ghost/api/content/posts/").then().statusCode(400);
        api().get("/ghost/api/content/posts/?limit=1000").then().statusCode(422).body("errors[0].type", equalTo("ValidationError"))
                .body("errors[0].property", equalTo("limit"));
        api().queryParam("order", "colour desc").get("/ghost/api/content/posts/").then().statusCode(422);
        api().get("/ghost/api/content/posts/?include=comments").then().statusCode(422);
        api().get("/ghost/api/content/posts/?formats=mobiledoc").then().statusCode(422);
        api().get("/ghost/api/content/posts/?page=100000").then().statusCode(422);
        api().get("/ghost/api/content/posts/" + UUID.randomUUID() + "/").then().statusCode(404)
                .body("errors[0].type", equalTo("NotFoundError"));
        api().get("/ghost/api/content/posts/slug/nothing-" + RUN + "/").then().statusCode(404);
        api().get("/ghost/api/content/tags/slug/nothing-" + RUN + "/").then().statusCode(404);
    }

    @Test
    void readsAreConditional() {
        String etag = api().get("/ghost/api/content/posts/" + SECOND + "/").then().statusCode(200).extract().header("ETag");
        assertTrue(etag != null && etag.startsWith("\""), String.valueOf(etag));
        api().header("If-None-Match", etag).get("/ghost/api/content/posts/" + SECOND + "/").then().statusCode(304);
        List<String> tags = api().get("/ghost/api/content/tags/?limit=all").then().extract().path("tags.slug");
        assertTrue(tags.containsAll(List.of(TAG, "other-" + RUN)), String.valueOf(tags));
        api().get("/ghost/api/content/authors/?limit=all").then().body("authors.slug", hasItems("ghost-author-" + RUN));
    }
}
