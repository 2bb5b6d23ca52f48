package io.cms.post;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Helpers that talk to the API as the admin would, and sign staff in. */
public final class TestPosts {

    private TestPosts() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
    }

    /** A request body with a title unique to this call, so tests never collide on slugs. */
    public static Map<String, Object> body(String title, Object... more) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", title);
        body.put("markdown", "# " + title + "\n\nBody of " + title + ".");
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a post and returns its id. */
    public static String create(Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body)
                .post("/api/posts").then().statusCode(201).extract().path("id");
    }

    /** {@code POST /api/session} with a password: the answer, whatever it is. */
    public static Response signInAnswer(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password)).post("/api/session");
    }

    /** A bearer session token for the account (the sign-in must succeed). */
    public static String signIn(String email, String password) {
        return signInAnswer(email, password).then().statusCode(200).extract().path("token");
    }
}
