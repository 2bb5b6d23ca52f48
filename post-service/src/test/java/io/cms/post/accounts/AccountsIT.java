package io.cms.post.accounts;

import static io.cms.post.TestPosts.signInAnswer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Staff accounts, sessions and who may manage whom, through the real database. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class AccountsIT {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void eachRoleManagesTheRolesBelowIt() {
        String admin = signIn(create(bootstrap(), "admin"));
        given().header("Authorization", "Bearer " + admin).get("/api/webhooks").then().statusCode(200);

        String editorEmail = create(as(admin), "editor");
        String editor = signIn(editorEmail);
        given().header("Authorization", "Bearer " + editor).get("/api/webhooks").then().statusCode(403);
        given().header("Authorization", "Bearer " + editor).get("/api/users").then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        String authorEmail = create(as(editor), "author");
        as(editor).body(user(unique("admin"), "admin")).post("/api/users").then().statusCode(403);
        as(editor).body(user(unique("editor"), "editor")).post("/api/users").then().statusCode(403);

        String author = signIn(authorEmail);
        as(author).body(user(unique("contributor"), "contributor")).post("/api/users").then().statusCode(403);
        given().header("Authorization", "Bearer " + author).get("/api/users").then().statusCode(403);
        given().header("Authorization", "Bearer " + author).get("/api/users/me").then().statusCode(200)
                .body("email", equalTo(authorEmail)).body("role", equalTo("author")).body("$", not(hasKey("passwordHash")));

        as(admin).body(user(unique("owner"), "owner")).post("/api/users").then().statusCode(403);
        given().body(user(unique("anon"), "author")).contentType(ContentType.JSON).post("/api/users").then().statusCode(401);
    }

    @Test
    void passwordsAndAddressesAreChecked() {
        RequestSpecification admin = bootstrap();
        String email = unique("rules");
        for (String[] c : new String[][] {
                {"short pass", "password"}, {"password1234", "password"}, {"Password2024!", "password"},
                {"aaaaaaaaaaaaaaaa", "password"}, {"abcdefghijklmn", "password"},
                {email.split("@")[0] + "-and-more-words", "password"}}) {
            admin.body(Map.of("email", email, "name", "Rules", "role", "author", "password", c[0])).post("/api/users")
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(c[1]));
        }
        admin.body(Map.of("email", "not an address", "name", "X", "role", "author", "password", PASSWORD)).post("/api/users")
                .then().statusCode(400).body("errors[0].field", equalTo("email"));
        admin.body(Map.of("email", email, "name", "X", "role", "janitor", "password", PASSWORD)).post("/api/users")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        create(admin, email, "author");
        admin.body(user(email.toUpperCase(java.util.Locale.ROOT), "author")).post("/api/users").then().statusCode(409)
                .body("errors[0].field", equalTo("email"));
    }

    @Test
    void wrongCredentialsDoNotSayWhichPartWasWrong() {
        String email = create(bootstrap(), "author");
        String unknownAddress = signInAnswer(unique("nobody"), PASSWORD).then().statusCode(401).extract().path("detail");
        String wrongPassword = signInAnswer(email, PASSWORD + " not").then().statusCode(401).extract().path("detail");
        assertEquals(unknownAddress, wrongPassword);
    }

    @Test
    void signingOutDeletingOrChangingTheRoleEndsSessions() {
        String email = create(bootstrap(), "editor");
        String first = signIn(email);
        String second = signIn(email);
        given().header("Authorization", "Bearer " + first).delete("/api/session").then().statusCode(204);
        given().header("Authorization", "Bearer " + first).get("/api/users/me").then().statusCode(401);
        given().header("Authorization", "Bearer " + second).get("/api/users/me").then().statusCode(200);

        String id = given().header("Authorization", "Bearer " + second).get("/api/users/me").then().extract().path("id");
        bootstrap().body(Map.of("role", "author")).put("/api/users/" + id).then().statusCode(200).body("role", equalTo("author"));
        given().header("Authorization", "Bearer " + second).get("/api/users/me").then().statusCode(401);

        String third = signIn(email);
        given().header("Authorization", "Bearer " + third).get("/api/users/me").then().body("role", equalTo("author"));
        bootstrap().delete("/api/users/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + third).get("/api/users/me").then().statusCode(401);
        signInAnswer(email, PASSWORD).then().statusCode(401);
    }

    @Test
    void ownershipIsHandedOnNotTaken() {
        String firstEmail = create(bootstrap(), "admin");
        String secondEmail = create(bootstrap(), "author");
        String first = signIn(firstEmail);
        String firstId = given().header("Authorization", "Bearer " + first).get("/api/users/me").then().extract().path("id");
        String secondId = given().header("Authorization", "Bearer " + signIn(secondEmail)).get("/api/users/me").then()
                .extract().path("id");
        as(first).post("/api/users/" + secondId + "/ownership").then().statusCode(403);

        bootstrap().post("/api/users/" + firstId + "/ownership").then().statusCode(200).body("role", equalTo("owner"));
        given().header("Authorization", "Bearer " + first).get("/api/users/me").then().statusCode(401);
        String owner = signIn(firstEmail);
        as(owner).body(Map.of("role", "admin")).put("/api/users/" + firstId).then().statusCode(409);
        as(owner).delete("/api/users/" + firstId).then().statusCode(409);

        as(owner).post("/api/users/" + secondId + "/ownership").then().statusCode(200).body("role", equalTo("owner"));
        bootstrap().get("/api/users/" + firstId).then().body("role", equalTo("admin"));
        bootstrap().get("/api/users/" + secondId).then().body("role", equalTo("owner"));
        given().header("Authorization", "Bearer " + owner).get("/api/users/me").then().statusCode(401);
    }

    @Test
    void guessingIsSlowedButTheOwnerGetsBackIn() throws InterruptedException {
        String email = create(bootstrap(), "author");
        int refused = 0;
        int wrong = 0;
        Response last = null;
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            last = signInAnswer(email, "guess number " + i + " of many");
            if (last.statusCode() == 429) {
                refused++;
            } else {
                assertEquals(401, last.statusCode());
                wrong++;
            }
        }
        // The burst of 5, and one more try per 2 s (the test profile's refill) that the loop took: a
        // slow machine (Argon2 per checked try) may earn one or two.
        long refills = (System.nanoTime() - start) / 2_000_000_000L;
        assertTrue(wrong >= 5 && wrong <= 5 + refills, "the account's burst of tries, and " + refills + " refills: " + wrong);
        assertEquals(50 - wrong, refused);
        signInAnswer(email, PASSWORD).then().statusCode(429);
        long wait = Long.parseLong(last.header("Retry-After"));
        assertTrue(wait >= 1 && wait <= 5, "the test profile refills a try every 2 s, not " + wait);
        Thread.sleep(wait * 1000 + 200);
        signInAnswer(email, PASSWORD).then().statusCode(200);
    }

    private static RequestSpecification bootstrap() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static String create(RequestSpecification as, String role) {
        return create(as, unique(role), role);
    }

    private static String create(RequestSpecification as, String email, String role) {
        as.body(user(email, role)).post("/api/users").then().statusCode(201).body("role", equalTo(role))
                .body("$", not(hasKey("passwordHash"))).body("$", not(hasKey("password")));
        return email;
    }

    private static Map<String, Object> user(String email, String role) {
        return Map.of("email", email, "name", "Test " + role, "role", role, "password", PASSWORD);
    }

    private static String signIn(String email) {
        return TestPosts.signIn(email, PASSWORD);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
