package io.cms.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.cms.search.messaging.IndexFeeder;
import io.cms.testkit.TopicTap;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** cms.posts events in through the real broker, search results out. Each test uses its own marker words. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class SearchFlowIT {

    private static void awaitVersion(UUID id, int version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            var r = given().get("/api/search/posts/" + id);
            return r.statusCode() == 200 && r.jsonPath().getInt("version") == version;
        });
    }

    private static List<String> ids(String q) {
        return given().queryParam("q", q).get("/api/search").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    @Test
    void publishUpdateUnpublishAndOutOfOrderEvents() throws Exception {
        UUID id = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.publish(id, 1, "最初の題名", "これは特別な燕麦の話です。", "ja", List.of("食べ物"));
            awaitVersion(id, 1);
            given().queryParam("q", "燕麦").get("/api/search").then().statusCode(200)
                    .body("items.id", hasItem(id.toString()))
                    .body("items.find { it.id == '" + id + "' }.highlights.body", containsString("<mark>燕麦</mark>"));

            events.send("cms.post.updated", id, 2, "published", "二番目の題名", "今度は珍しい胡桃の話です。", "ja", null);
            awaitVersion(id, 2);
            org.junit.jupiter.api.Assertions.assertTrue(ids("胡桃").contains(id.toString()));
            org.junit.jupiter.api.Assertions.assertFalse(ids("燕麦").contains(id.toString()));

            // A late older event and a duplicate change nothing.
            events.publish(id, 1, "最初の題名", "これは特別な燕麦の話です。", "ja", null);
            events.send("cms.post.updated", id, 2, "published", "二番目の題名", "今度は珍しい胡桃の話です。", "ja", null);
            events.send("cms.post.unpublished", id, 3, "draft", null, null, "ja", null);
            await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/search/posts/" + id).statusCode() == 404);
            events.publish(id, 2, "二番目の題名", "今度は珍しい胡桃の話です。", "ja", null);
            UUID marker = UUID.randomUUID();
            events.publish(marker, 1, "marker", "marker", "en", null);
            awaitVersion(marker, 1);
            given().get("/api/search/posts/" + id).then().statusCode(404);
            org.junit.jupiter.api.Assertions.assertFalse(ids("胡桃").contains(id.toString()));
        }
    }

    @Test
    void draftsAreFoundOnlyByStaffSearchesWithTheirStatus() throws Exception {
        UUID draft = UUID.randomUUID();
        UUID published = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.send("cms.post.updated", draft, 2, "draft", "下書きの題名", "まだ公開していない榧の話です。", "ja", null);
            events.publish(published, 1, "公開した題名", "公開した榧の話です。", "ja", null);
            awaitVersion(published, 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN)
                    .queryParam("q", "榧").queryParam("drafts", "true").get("/api/search").jsonPath().getList("items.id")
                    .contains(draft.toString()));
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(published.toString()), ids("榧"), "the public finds no draft");
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).queryParam("q", "榧").queryParam("drafts", "true")
                .get("/api/search").then().statusCode(200).header("Cache-Control", "private, no-store")
                .body("items.find { it.id == '" + draft + "' }.status", equalTo("draft"))
                .body("items.find { it.id == '" + published + "' }.status", equalTo("published"));
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).queryParam("q", "榧").queryParam("drafts", "true")
                .queryParam("status", "draft").get("/api/search").then().statusCode(200)
                .body("items.id", equalTo(List.of(draft.toString())));
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).queryParam("q", "榧").queryParam("drafts", "true")
                .queryParam("status", "published").get("/api/search").then().body("items.id", hasItem(published.toString()))
                .body("items.id", not(hasItem(draft.toString())));
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).queryParam("q", "榧").queryParam("drafts", "true")
                .queryParam("status", "gone").get("/api/search").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().queryParam("q", "榧").queryParam("status", "draft").get("/api/search").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("q", "榧").get("/api/search").then().body("items[0]", not(org.hamcrest.Matchers.hasKey("status")));
        given().get("/api/search/posts/" + draft).then().statusCode(404);
        given().queryParam("q", "榧").queryParam("drafts", "true").get("/api/search").then().statusCode(401);
        given().get("/api/search/suggest?q=下書き").then().body("suggestions", not(hasItem("下書きの題名")));
    }

    /** An answer is cached per index state: conditional while nothing changed, new once a change is searchable. */
    @Test
    void answersAreConditionalAndFollowTheIndex() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.publish(first, 1, "条件付きの検索", "これは珍しい石榴の話です。", "ja", null);
            awaitVersion(first, 1);
            var answer = given().queryParam("q", "石榴").get("/api/search").then().statusCode(200)
                    .header("Cache-Control", containsString("public"))
                    .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}(-gz)?\"")).extract();
            String etag = answer.header("ETag");
            given().queryParam("q", "石榴").header("If-None-Match", etag).get("/api/search").then().statusCode(304);
            // Reads that do not tag their own bytes are tagged by ConditionalReads: suggestions, the indexed version.
            for (String path : List.of("/api/search/suggest?q=%E6%9D%A1", "/api/search/posts/" + first)) {
                String tag = given().get(path).then().statusCode(200).extract().header("ETag");
                given().header("If-None-Match", tag).get(path).then().statusCode(304);
            }
            given().get("/api/search/suggest?q=%E6%9D%A1").then().header("Cache-Control", containsString("public, max-age="));
            given().get("/api/search/posts/" + first).then().header("Cache-Control", equalTo("no-cache"));

            events.publish(second, 1, "もう一つの検索", "石榴がまた出てきます。", "ja", null);
            awaitVersion(second, 1);
            given().queryParam("q", "石榴").header("If-None-Match", etag).get("/api/search").then().statusCode(200)
                    .body("items.id", hasItem(second.toString()))
                    .header("ETag", not(equalTo(etag)));
        }
    }

    @Test
    void poisonEventsAreDeadLetteredAndTheFeedGoesOn() throws Exception {
        try (PostEvents events = new PostEvents(); TopicTap dlq = new TopicTap(IndexFeeder.DLQ_TOPIC)) {
            UUID bad = UUID.randomUUID();
            events.sendPoison(bad.toString());
            UUID good = UUID.randomUUID();
            events.publish(good, 1, "After the poison", "the quokka is still searchable", "en", null);
            awaitVersion(good, 1);

            List<TopicTap.Event> dead = dlq.awaitKey(bad.toString(), 2, Duration.ofSeconds(20));
            org.junit.jupiter.api.Assertions.assertTrue(dead.get(0).headers().get("dead-letter-reason")
                    .contains("unreadable event value"), dead.get(0).headers().toString());
            org.junit.jupiter.api.Assertions.assertTrue(dead.get(1).headers().get("dead-letter-reason")
                    .contains("unknown event type"), dead.get(1).headers().toString());
            org.junit.jupiter.api.Assertions.assertEquals("{not json", dead.get(0).value());
            org.junit.jupiter.api.Assertions.assertTrue(ids("quokka").contains(good.toString()));
            given().get("/api/search/posts/" + bad).then().statusCode(404);
        }
    }

    @Test
    void readYourWritesWaitsUntilTheVersionIsSearchable() throws Exception {
        UUID id = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            // Asked before the event exists: the one request answers once version 1 is searchable.
            var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().queryParam("minVersion", 1)
                    .queryParam("wait", "10s").get("/api/search/posts/" + id));
            Thread.sleep(200);
            org.junit.jupiter.api.Assertions.assertFalse(pending.isDone(), "waits for the version");
            events.publish(id, 1, "待機の題名", "読み込みを待つ山葵の話です。", "ja", null);
            var answer = pending.get(15, java.util.concurrent.TimeUnit.SECONDS);
            org.junit.jupiter.api.Assertions.assertEquals(200, answer.statusCode(), answer.asString());
            org.junit.jupiter.api.Assertions.assertEquals(1, answer.jsonPath().getInt("version"));
            org.junit.jupiter.api.Assertions.assertNull(answer.header("CMS-Stale"));
            // Searchable means a search finds it right away, not merely that it was applied.
            org.junit.jupiter.api.Assertions.assertTrue(ids("山葵").contains(id.toString()));

            // A version that does not come: the older one after the wait, marked stale.
            given().queryParam("minVersion", 5).queryParam("wait", "300ms").get("/api/search/posts/" + id)
                    .then().statusCode(200).header("CMS-Stale", equalTo("true")).body("version", equalTo(1));
            given().queryParam("minVersion", 1).queryParam("wait", "300ms").get("/api/search/posts/" + UUID.randomUUID())
                    .then().statusCode(404).contentType("application/problem+json");
            given().queryParam("minVersion", "soon").get("/api/search/posts/" + id)
                    .then().statusCode(400).body("errors[0].field", equalTo("minVersion"));
            given().queryParam("minVersion", 1).queryParam("wait", "forever").get("/api/search/posts/" + id)
                    .then().statusCode(400).body("errors[0].field", equalTo("wait"));
        }
    }

    @Test
    void languagesAreAnalysedForTheirScript() throws Exception {
        UUID ja = UUID.randomUUID();
        UUID zh = UUID.randomUUID();
        UUID en = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.publish(ja, 1, "具身知能の研究", "人工知能と具身知能とロボット工学について。", null, List.of());
            events.publish(zh, 1, "渐进式网络应用", "我们讨论渐进式网络应用的离线缓存策略。", null, List.of());
            events.publish(en, 1, "Running benchmarks", "We were running many benchmarks on weekends.", null, List.of());
            awaitVersion(ja, 1);
            awaitVersion(zh, 1);
            awaitVersion(en, 1);
        }
        org.junit.jupiter.api.Assertions.assertTrue(ids("知能").contains(ja.toString()), "a word inside a compound");
        org.junit.jupiter.api.Assertions.assertTrue(ids("具身知能").contains(ja.toString()));
        org.junit.jupiter.api.Assertions.assertTrue(ids("离线缓存").contains(zh.toString()));
        org.junit.jupiter.api.Assertions.assertTrue(ids("benchmark").contains(en.toString()), "stemming");
        org.junit.jupiter.api.Assertions.assertTrue(ids("runs").contains(en.toString()), "stemming");
        given().queryParam("q", "知能").queryParam("lang", "ja").get("/api/search").then()
                .body("items.id", hasItem(ja.toString())).body("items.id", not(hasItem(en.toString())));
    }

    @Test
    void querySyntaxPhrasesExclusionsAndOr() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.publish(a, 1, "zebra quartz", "the zebra quartz lamp glows", "en", List.of("syntax-test"));
            events.publish(b, 1, "quartz zebra", "quartz beats zebra when 1 < 2 & 3 > 1", "en", List.of("syntax-test"));
            awaitVersion(a, 1);
            awaitVersion(b, 1);
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(a.toString()), ids("\"zebra quartz lamp\""));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(b.toString()), ids("zebra quartz -lamp"));
        org.junit.jupiter.api.Assertions.assertEquals(2, ids("lamp OR beats").size());
        org.junit.jupiter.api.Assertions.assertEquals(0, ids("lamp beats").size());
        given().queryParam("q", "beats").get("/api/search").then()
                .header("Server-Timing", matchesPattern("search;dur=\\d+\\.\\d{3}"))
                .body("items[0].highlights.body", containsString("1 &lt; 2 &amp; 3 &gt; 1"))
                .body("facets.tags.find { it.value == 'syntax-test' }.count", equalTo(1));
        given().queryParam("q", "zebra").queryParam("tag", "syntax-test").queryParam("limit", 1).queryParam("page", 2)
                .get("/api/search").then().body("total", equalTo(2)).body("items.size()", equalTo(1))
                .body("facets.tags.find { it.value == 'syntax-test' }.count", equalTo(2));
    }

    @Test
    void pagesEndAtTheResultWindow() {
        given().queryParam("q", "window").queryParam("page", 100).queryParam("limit", 100).get("/api/search")
                .then().statusCode(200);
        given().queryParam("q", "window").queryParam("page", 10_000).queryParam("limit", 100).get("/api/search")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"))
                .body("errors[0].limit", equalTo(10_000))
                .body("errors[0].actual", equalTo(1_000_000));
    }

    @Test
    void healthAndOpenApiDescribeTheService() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'search index caught up with cms.posts' }.status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/search"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/search/suggest"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/search/posts/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/admin/reindex"))
                .body("components.securitySchemes", org.hamcrest.Matchers.hasKey("bearer"))
                .body("components.securitySchemes.contentKey.in", equalTo("query"))
                .body("components.securitySchemes.sessionCookie.in", equalTo("cookie"));
    }

    @Test
    void malformedInputNeverFails() {
        for (String q : List.of("\"unbalanced", "-", "OR", "OR OR", "\"\"", "(((", "a\u0000b\u0007c", "-\"", "—", "* ? :")) {
            given().queryParam("q", q).get("/api/search").then().statusCode(200);
        }
        given().queryParam("q", "x".repeat(10_000)).get("/api/search").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        given().queryParam("limit", 1000).get("/api/search").then().statusCode(400);
        given().queryParam("sort", "color").get("/api/search").then().statusCode(400);
        given().queryParam("from", "yesterday").get("/api/search").then().statusCode(400);
        given().queryParam("to", "+999999999-12-31T23:59:59Z").get("/api/search").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().get("/api/search/posts/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }
}
