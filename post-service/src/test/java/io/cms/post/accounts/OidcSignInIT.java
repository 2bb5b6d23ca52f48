package io.cms.post.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through an OpenID Connect provider (a real one over HTTP, with its own keys): the ID token
 * is checked, the provider's role mapped, the account found or made, and an ordinary session opened.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class OidcSignInIT {

    private final TestIdentityProvider provider = TestIdentityProvider.shared();

    @Test
    void aProviderUserGetsAnAccountWithTheMappedRoleAndASession() {
        String sub = UUID.randomUUID().toString();
        String email = "oidc-" + sub.substring(0, 8) + "@example.com";
        Response in = signIn(provider.idToken(sub, email, true, List.of("offline_access", "cms-writer", "cms-editor")));
        in.then().statusCode(200).body("user.email", equalTo(email)).body("user.role", equalTo("editor"));
        String token = in.path("token");
        given().header("Authorization", "Bearer " + token).get("/api/users/me").then().statusCode(200)
                .body("role", equalTo("editor"));
        String id = in.path("user.id");

        // The provider is the source of the role: demoted there, demoted here, and the old session ends.
        Response again = signIn(provider.idToken(sub, email, true, List.of("cms-writer")));
        again.then().statusCode(200).body("user.id", equalTo(id)).body("user.role", equalTo("author"));
        given().header("Authorization", "Bearer " + token).get("/api/users/me").then().statusCode(401);
        // No password works for a provider's user.
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "any password at all here"))
                .post("/api/session").then().statusCode(401);
        // A browser gets the cookie variant, as with a password.
        Response browser = given().contentType(ContentType.JSON)
                .body(Map.of("idToken", provider.idToken(sub, email, true, List.of("cms-writer")), "cookie", true))
                .post("/api/session/oidc");
        browser.then().statusCode(200).body("$", not(hasKey("token"))).body("$", hasKey("csrfToken"));
    }

    @Test
    void tokensThatDoNotCheckAreRefused() {
        String sub = UUID.randomUUID().toString();
        String email = "refused-" + sub.substring(0, 8) + "@example.com";
        List<String> roles = List.of("cms-admin");
        signIn(provider.forged(sub, email, roles)).then().statusCode(401).contentType("application/problem+json");
        signIn(provider.idToken(sub, email, roles, provider.issuer(), "another-client", 5)).then().statusCode(401);
        signIn(provider.idToken(sub, email, roles, "https://elsewhere.example", TestIdentityProvider.CLIENT_ID, 5)).then()
                .statusCode(401);
        signIn(provider.idToken(sub, email, roles, provider.issuer(), TestIdentityProvider.CLIENT_ID, -5)).then().statusCode(401);
        signIn("not.a.token").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/session/oidc").then().statusCode(400)
                .body("errors[0].field", equalTo("idToken"));
        signIn(provider.idToken(sub, email, true, List.of("cms-reader"))).then().statusCode(403);
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).get("/api/audit?action=sign-in.failed&limit=100")
                .then().statusCode(200).body("items.target", org.hamcrest.Matchers.hasItem(provider.issuer()));
    }

    @Test
    void aLocalAccountIsJoinedOnlyWhenTheProviderVouchesForTheAddress() {
        String email = "local-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Local first", "role", "contributor", "password", "a local password here"))
                .post("/api/users").then().statusCode(201).extract().path("id");
        String sub = UUID.randomUUID().toString();
        signIn(provider.idToken(sub, email, false, List.of("cms-writer"))).then().statusCode(409)
                .body("errors[0].field", equalTo("email"));
        signIn(provider.idToken(sub, email, true, List.of("cms-writer"))).then().statusCode(200).body("user.id", equalTo(id))
                .body("user.role", equalTo("author"));
        // Another subject claiming the same address now finds it taken.
        signIn(provider.idToken(UUID.randomUUID().toString(), email, true, List.of("cms-writer"))).then().statusCode(409);
    }

    private static Response signIn(String idToken) {
        return given().contentType(ContentType.JSON).body(Map.of("idToken", idToken)).post("/api/session/oidc");
    }

    /** The studio's button: off to the provider with PKCE, back with a code, a session in cookies; a code or a state only once, only here. */
    @Test
    void theStudioSignsInThroughTheProviderWithTheCodeFlow() throws Exception {
        String sub = "studio-" + UUID.randomUUID();
        String email = sub + "@example.com";
        given().get("/studio/sign-in").then().body(org.hamcrest.Matchers.containsString("href=\"/studio/oidc/start\""));
        provider.nextSignIn(new TestIdentityProvider.Person(sub, email, List.of("cms-editor")));
        Response start = given().redirects().follow(false).get("/studio/oidc/start");
        start.then().statusCode(303);
        String flowCookie = start.cookie("cms_oidc");
        String authorize = start.header("Location");
        org.junit.jupiter.api.Assertions.assertTrue(authorize.startsWith(provider.issuer() + "/authorize?")
                && authorize.contains("code_challenge_method=S256"), authorize);

        java.net.http.HttpResponse<Void> back = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(authorize)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        String callback = back.headers().firstValue("Location").orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(callback.startsWith("http://localhost:8081/studio/oidc/callback?code="), callback);
        String query = callback.substring(callback.indexOf('?'));

        // Another browser's flow cannot use this answer.
        String otherCookie = given().redirects().follow(false).get("/studio/oidc/start").cookie("cms_oidc");
        given().cookie("cms_oidc", otherCookie).get("/studio/oidc/callback" + query).then().statusCode(401)
                .body(org.hamcrest.Matchers.containsString("not begun in this browser"));

        Response in = given().redirects().follow(false).cookie("cms_oidc", flowCookie).get("/studio/oidc/callback" + query);
        in.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/studio/posts"));
        given().cookie("cms_session", in.cookie("cms_session")).get("/studio/posts").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Provider user " + sub + " (editor)"));
        // The provider spends a code once: the same answer again signs no one in.
        given().cookie("cms_oidc", flowCookie).get("/studio/oidc/callback" + query).then().statusCode(401);
        given().get("/studio/oidc/callback?error=access_denied&state=x").then().statusCode(401)
                .body(org.hamcrest.Matchers.containsString("The provider did not sign you in"));
    }
}
