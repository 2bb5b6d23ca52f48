package io.cms.post.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The studio's pages over HTTP: sign-in by form into cookies, the post list by role, sign-out guarded by the form's token. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioIT {

    static final String PASSWORD = "a studio of one's own";

    @Test
    void aFormSignInOpensTheListAndAWrongOneSaysSo() {
        String email = StudioUsers.make("author", "Studio author");
        given().redirects().follow(false).get("/studio/posts").then().statusCode(303)
                .header("Location", endsWith("/studio/sign-in"));
        given().formParams(Map.of("email", email, "password", "not the right one at all")).post("/studio/sign-in").then()
                .statusCode(401).contentType(containsString("text/html"))
                .body(containsString("The email address or the password is not right."))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));

        Response in = given().redirects().follow(false).formParams(Map.of("email", email, "password", PASSWORD))
                .post("/studio/sign-in");
        in.then().statusCode(303).header("Location", endsWith("/studio/posts"));
        List<String> cookies = in.headers().getValues("Set-Cookie");
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("cms_session=") && c.contains("HttpOnly")), cookies.toString());
        String session = in.cookie("cms_session");

        String mine = StudioUsers.draft(session, in.cookie("cms_csrf"), "Mine " + UUID.randomUUID());
        String others = "Not mine " + UUID.randomUUID();
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("title", others, "markdown", "Someone else's draft.")).post("/api/posts").then().statusCode(201);
        given().cookie("cms_session", session).get("/studio/posts?status=draft").then().statusCode(200)
                .header("Cache-Control", "private, no-store").body(containsString(mine)).body(not(containsString(others)))
                .body(containsString("Signed in as Studio author (author)"));
    }

    @Test
    void signOutNeedsTheFormsTokenAndEndsTheSession() {
        String email = StudioUsers.make("editor", "Studio editor");
        Response in = given().redirects().follow(false).formParams(Map.of("email", email, "password", PASSWORD))
                .post("/studio/sign-in");
        String session = in.cookie("cms_session");
        given().cookie("cms_session", session).formParam("csrf", "forged").post("/studio/sign-out").then().statusCode(400);
        given().cookie("cms_session", session).get("/studio/posts").then().statusCode(200);
        given().redirects().follow(false).cookie("cms_session", session).formParam("csrf", in.cookie("cms_csrf"))
                .post("/studio/sign-out").then().statusCode(303).header("Location", endsWith("/studio/sign-in"));
        given().redirects().follow(false).cookie("cms_session", session).get("/studio/posts").then().statusCode(303);
    }

    @Test
    void pagesSpeakJapaneseWhenTheBrowserDoes() {
        given().header("Accept-Language", "ja,en;q=0.5").get("/studio/sign-in").then().statusCode(200)
                .body(containsString("<html lang=\"ja\">")).body(containsString("メールアドレス"));
        Response chosen = given().header("Accept-Language", "ja").get("/studio/sign-in?lang=en");
        chosen.then().body(containsString("<html lang=\"en\">")).body(containsString(">Email<"));
        given().cookie("cms_lang", "en").header("Accept-Language", "ja").get("/studio/sign-in").then()
                .body(containsString(">Password<"));
    }

    @Test
    void thePostListFiltersByTagAndAuthorAndKeepsTheFiltersOnItsPages() {
        String tag = "studio-tag-" + UUID.randomUUID().toString().substring(0, 8);
        String tagged = "Tagged " + tag;
        String other = "Untagged " + tag;
        for (Map<String, Object> post : List.of(Map.<String, Object>of("title", tagged, "markdown", "x", "tags", List.of(tag),
                "author", "Filter Author " + tag), Map.<String, Object>of("title", other, "markdown", "y"))) {
            given().header("Authorization", "Bearer " + io.cms.post.InfraResource.ADMIN_TOKEN).contentType("application/json")
                    .body(post).post("/api/posts").then().statusCode(201);
        }
        StudioSession editor = StudioSession.of("editor");
        editor.page().get("/studio/posts?tag=" + tag).then().statusCode(200).body(containsString(tagged))
                .body(org.hamcrest.Matchers.not(containsString(other))).body(containsString("value=\"" + tag + "\""));
        editor.page().get("/studio/posts?author=Filter Author " + tag).then().statusCode(200).body(containsString(tagged))
                .body(org.hamcrest.Matchers.not(containsString(other)));
    }
}
