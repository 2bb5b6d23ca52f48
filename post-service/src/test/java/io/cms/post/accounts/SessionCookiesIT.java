package io.cms.post.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.cms.post.TestPosts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The browser session: the token in an HttpOnly cookie, and every change made with it carrying the CSRF token. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class SessionCookiesIT {

    private static final String PASSWORD = "cookies are kept by browsers";

    @Test
    void aCookieSessionHidesItsTokenAndSetsStrictCookies() {
        Response in = signIn(user("editor"));
        in.then().statusCode(200).body("$", not(hasKey("token"))).body("user.role", equalTo("editor"));
        List<String> cookies = in.headers().getValues("Set-Cookie");
        assertEquals(2, cookies.size(), cookies.toString());
        String session = cookies.stream().filter(c -> c.startsWith("cms_session=")).findFirst().orElseThrow();
        String csrf = cookies.stream().filter(c -> c.startsWith("cms_csrf=")).findFirst().orElseThrow();
        for (String attribute : List.of("Path=/", "Secure", "SameSite=Strict", "Max-Age=")) {
            assertTrue(session.contains(attribute) && csrf.contains(attribute), attribute + " in " + cookies);
        }
        assertTrue(session.contains("HttpOnly"), "no script reads the session: " + session);
        assertTrue(!csrf.contains("HttpOnly"), "our pages read the CSRF token: " + csrf);
        assertEquals(in.path("csrfToken"), in.cookie("cms_csrf"));
        // A bearer sign-in has no cookies, and a token in the answer.
        Response bearer = given().contentType(ContentType.JSON).body(Map.of("email", in.path("user.email"), "password", PASSWORD))
                .post("/api/session");
        bearer.then().statusCode(200).body("$", hasKey("token")).body("$", not(hasKey("csrfToken")));
        assertEquals(List.of(), bearer.headers().getValues("Set-Cookie"));
    }

    @Test
    void readsNeedTheCookieOnlyAndChangesTheCsrfTokenToo() {
        Response in = signIn(user("author"));
        String cookie = in.cookie("cms_session");
        String csrf = in.path("csrfToken");
        withCookie(cookie).get("/api/users/me").then().statusCode(200).body("role", equalTo("author"));

        Map<String, Object> post = TestPosts.body(TestPosts.unique("By cookie"));
        withCookie(cookie).body(post).post("/api/posts").then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-CSRF-Token"));
        withCookie(cookie).header("X-CSRF-Token", csrf.substring(1) + "A").body(post).post("/api/posts").then().statusCode(403);
        String otherCsrf = signIn(user("author")).path("csrfToken");
        withCookie(cookie).header("X-CSRF-Token", otherCsrf).body(post).post("/api/posts").then().statusCode(403);
        withCookie(cookie).header("X-CSRF-Token", csrf).body(post).post("/api/posts").then().statusCode(201);

        // A header beats a cookie; a cookie that is not ours is no credential at all.
        given().cookie("cms_session", cookie).header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN)
                .get("/api/webhooks").then().statusCode(200);
        withCookie("e30.e30.forged").get("/api/users/me").then().statusCode(401);
        withCookie("e30.e30.forged").get("/api/posts").then().statusCode(200);
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookies() {
        Response in = signIn(user("contributor"));
        String cookie = in.cookie("cms_session");
        withCookie(cookie).delete("/api/session").then().statusCode(403);
        Response out = withCookie(cookie).header("X-CSRF-Token", in.path("csrfToken")).delete("/api/session");
        out.then().statusCode(204);
        List<String> cleared = out.headers().getValues("Set-Cookie");
        assertTrue(cleared.stream().anyMatch(c -> c.startsWith("cms_session=;") && c.contains("Max-Age=0")), cleared.toString());
        assertTrue(cleared.stream().anyMatch(c -> c.startsWith("cms_csrf=;") && c.contains("Max-Age=0")), cleared.toString());
        withCookie(cookie).get("/api/users/me").then().statusCode(401);
    }

    private static RequestSpecification withCookie(String cookie) {
        return given().cookie("cms_session", cookie).contentType(ContentType.JSON);
    }

    private static Response signIn(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD, "cookie", true))
                .post("/api/session");
    }

    private static String user(String role) {
        String email = "cookie-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Cookie " + role, "role", role, "password", PASSWORD))
                .post("/api/users").then().statusCode(201);
        return email;
    }
}
