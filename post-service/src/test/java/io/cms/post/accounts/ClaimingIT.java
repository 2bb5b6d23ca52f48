package io.cms.post.accounts;

import static io.cms.post.TestPosts.signIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Who owns a post: imported posts belong to no one until their author claims them or an editor hands them on. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class ClaimingIT {

    private static final String PASSWORD = "a post of my very own";

    @Test
    void anAuthorClaimsTheImportedPostsThatNameThem() {
        String name = "Hanako " + UUID.randomUUID().toString().substring(0, 6);
        Session hanako = user("author", name);
        Session taro = user("author", "Taro " + UUID.randomUUID().toString().substring(0, 6));
        String post = imported(name, true);
        bootstrap().get("/api/posts/" + post).then().statusCode(200).body("ownerId", nullValue()).body("author", equalTo(name));

        hanako.as().body(Map.of("title", "Not yet mine")).put("/api/posts/" + post).then().statusCode(403);
        taro.as().body(owner(taro.id())).put("/api/posts/" + post + "/owner").then().statusCode(403);
        hanako.as().body(owner(hanako.id())).put("/api/posts/" + post + "/owner").then().statusCode(200)
                .body("ownerId", equalTo(hanako.id())).body("version", equalTo(2));
        hanako.as().body(Map.of("title", "Mine now", "markdown", "Claimed.")).put("/api/posts/" + post).then().statusCode(200);
        List<Map<String, Object>> revisions = bootstrap().get("/api/posts/" + post + "/revisions").then().statusCode(200)
                .extract().path("$");
        Map<String, Object> claim = revisions.stream().filter(r -> ((Number) r.get("version")).intValue() == 2).findFirst()
                .orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(List.of("ownerId"), claim.get("changedFields"));
        org.junit.jupiter.api.Assertions.assertEquals("user:" + hanako.id(), claim.get("changedBy"));

        // Claimed is claimed: no one else claims it, and an author does not hand their post on.
        hanako.as().body(owner(taro.id())).put("/api/posts/" + post + "/owner").then().statusCode(403);
        bootstrap().body(owner(null)).put("/api/posts/" + post + "/owner").then().statusCode(200).body("ownerId", nullValue());
    }

    @Test
    void editorsHandPostsOnAndContributorsClaimDraftsOnly() {
        String name = "Jiro " + UUID.randomUUID().toString().substring(0, 6);
        Session contributor = user("contributor", name);
        Session editor = user("editor", "Editor " + UUID.randomUUID().toString().substring(0, 6));
        String published = imported(name, true);
        String draft = imported(name, false);
        contributor.as().body(owner(contributor.id())).put("/api/posts/" + published + "/owner").then().statusCode(403);
        contributor.as().body(owner(contributor.id())).put("/api/posts/" + draft + "/owner").then().statusCode(200);

        editor.as().body(owner(contributor.id())).put("/api/posts/" + published + "/owner").then().statusCode(200)
                .body("ownerId", equalTo(contributor.id()));
        editor.as().body(owner(UUID.randomUUID().toString())).put("/api/posts/" + published + "/owner").then().statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        editor.as().body(owner("not-a-user")).put("/api/posts/" + published + "/owner").then().statusCode(400);
        editor.as().header("If-Match", "\"1\"").body(owner(editor.id())).put("/api/posts/" + published + "/owner").then()
                .statusCode(412);
    }

    private record Session(String id, String token) {
        RequestSpecification as() {
            return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
        }
    }

    private static Map<String, Object> owner(String userId) {
        Map<String, Object> body = new HashMap<>();
        body.put("userId", userId);
        return body;
    }

    private static String imported(String author, boolean published) {
        String slug = "claim-" + UUID.randomUUID().toString().substring(0, 8);
        String file = "---\ntitle: Imported by " + author + "\nauthor: " + author + "\n" + (published ? "" : "published: false\n")
                + "---\n\nWritten long ago.\n";
        return bootstrap().contentType("text/markdown").body(file).post("/api/import?filename=2020-01-01-" + slug + ".md")
                .then().statusCode(201).body("created", equalTo(1)).extract().path("files[0].id");
    }

    private static Session user(String role, String name) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = bootstrap().body(Map.of("email", email, "name", name, "role", role, "password", PASSWORD))
                .post("/api/users").then().statusCode(201).extract().path("id");
        String token = signIn(email, PASSWORD);
        return new Session(id, token);
    }

    private static RequestSpecification bootstrap() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON);
    }
}
