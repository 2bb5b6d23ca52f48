package io.cms.post.accounts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import io.cms.post.InfraResource;
import io.cms.post.TestPosts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, as a table: each role (and the admin token) against each action on posts and on
 * the admin surfaces, every cell asserted, all mismatches reported at once.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class RoleMatrixIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final List<String> ROLES = List.of("admin-token", "owner", "admin", "editor", "author", "contributor");

    /** One action: what it does as a caller (a token), and the status each role must get. */
    private record Cell(String action, BiFunction<String, String, Integer> run, Map<String, Integer> expected) {
    }

    @Test
    void everyRoleGetsWhatItMayDo() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin-token", InfraResource.ADMIN_TOKEN);
        tokens.put("owner", owner());
        for (String role : List.of("admin", "editor", "author", "contributor")) {
            tokens.put(role, user(role));
        }
        String other = user("author");

        List<Cell> cells = List.of(
                new Cell("create a draft", (role, t) -> create(t, "draft"), all(201)),
                new Cell("create a published post", (role, t) -> create(t, "published"), allBut(201, "contributor", 403)),
                new Cell("edit own draft", (role, t) -> edit(t, own(t), "draft"), all(200)),
                new Cell("edit another's draft", (role, t) -> edit(t, postOf(other, "draft"), "draft"),
                        staff(200, 403)),
                new Cell("publish own draft", (role, t) -> publish(t, own(t)), allBut(200, "contributor", 403)),
                new Cell("publish another's draft", (role, t) -> publish(t, postOf(other, "draft")), staff(200, 403)),
                new Cell("schedule own draft", (role, t) -> schedule(t, own(t)), allBut(200, "contributor", 403)),
                new Cell("edit own post once published", (role, t) -> {
                    String id = own(t);
                    publish(InfraResource.ADMIN_TOKEN, id);
                    return edit(t, id, null);
                }, allBut(200, "contributor", 403)),
                new Cell("unpublish another's post", (role, t) -> unpublish(t, postOf(other, "published")), staff(200, 403)),
                new Cell("delete own draft", (role, t) -> delete(t, own(t)), all(204)),
                new Cell("delete another's post", (role, t) -> delete(t, postOf(other, "published")), staff(204, 403)),
                new Cell("read another's draft", (role, t) -> read(t, postOf(other, "draft")), staff(200, 404)),
                new Cell("read another's revisions", (role, t) -> get(t, "/api/posts/" + postOf(other, "draft") + "/revisions"),
                        staff(200, 404)),
                new Cell("share own draft by a preview link", (role, t) -> as(t).body(Map.of())
                        .post("/api/posts/" + own(t) + "/preview-links").statusCode(), all(201)),
                new Cell("share another's draft by a preview link", (role, t) -> as(t).body(Map.of())
                        .post("/api/posts/" + postOf(other, "draft") + "/preview-links").statusCode(), staff(201, 403)),
                new Cell("open a preview link's post (render-service's question)", (role, t) -> as(t)
                        .body(Map.of("token", "A".repeat(43))).post("/api/preview-links/open").statusCode(), admins(404, 403)),
                new Cell("list drafts (all of them, or only their own)", (role, t) -> listsOnlyWhatItMay(role, t, other), all(200)),
                new Cell("upload an image", (role, t) -> given().header("Authorization", "Bearer " + t).contentType("image/png")
                        .body(png()).post("/api/media").statusCode(), all(201)),
                new Cell("delete an image", (role, t) -> as(t).delete("/api/media/" + imageOf()).statusCode(), staff(204, 403)),
                new Cell("list tags", (role, t) -> get(t, "/api/tags"), all(200)),
                new Cell("describe a tag", (role, t) -> as(t).body(Map.of("description", "d " + role))
                        .put("/api/tags/" + tagOf(other)).statusCode(), staff(200, 403)),
                new Cell("add an author", (role, t) -> as(t).body(userBody(unique("added"), "author")).post("/api/users")
                        .statusCode(), staff(201, 403)),
                new Cell("add an editor", (role, t) -> as(t).body(userBody(unique("added"), "editor")).post("/api/users")
                        .statusCode(), admins(201, 403)),
                new Cell("invite an author", (role, t) -> as(t).body(Map.of("email", unique("invited"), "role", "author"))
                        .post("/api/invitations").statusCode(), staff(201, 403)),
                new Cell("invite an editor", (role, t) -> as(t).body(Map.of("email", unique("invited"), "role", "editor"))
                        .post("/api/invitations").statusCode(), admins(201, 403)),
                new Cell("list the staff", (role, t) -> get(t, "/api/users"), staff(200, 403)),
                new Cell("manage webhooks", (role, t) -> get(t, "/api/webhooks"), admins(200, 403)),
                new Cell("manage keys", (role, t) -> get(t, "/api/keys"), admins(200, 403)),
                new Cell("read the audit trail", (role, t) -> get(t, "/api/audit"), admins(200, 403)),
                new Cell("see parked events", (role, t) -> get(t, "/api/outbox/parked"), admins(200, 403)),
                new Cell("import", (role, t) -> as(t).contentType("text/markdown").body("# Imported\n\nText.")
                        .post("/api/import?filename=2024-01-01-imported-" + UUID.randomUUID() + ".md").statusCode(),
                        admins(201, 403)));

        List<String> wrong = new ArrayList<>();
        for (Cell cell : cells) {
            for (String role : ROLES) {
                int got = cell.run().apply(role, tokens.get(role));
                int expected = cell.expected().get(role);
                if (got != expected) {
                    wrong.add(role + " / " + cell.action() + ": " + got + ", expected " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** 200 when a listing of drafts holds another's draft exactly for those who may see every post. */
    private int listsOnlyWhatItMay(String role, String token, String otherToken) {
        String others = postOf(otherToken, "draft");
        String own = own(token);
        List<String> ids = as(token).get("/api/posts?status=draft&limit=100&sort=-updatedAt").then().statusCode(200)
                .extract().path("items.id");
        boolean seesOthers = ids.contains(others);
        boolean seesAll = List.of("admin-token", "owner", "admin", "editor").contains(role);
        return ids.contains(own) && seesOthers == seesAll ? 200 : 500;
    }

    private static Map<String, Integer> all(int status) {
        Map<String, Integer> m = new LinkedHashMap<>();
        ROLES.forEach(r -> m.put(r, status));
        return m;
    }

    private static Map<String, Integer> allBut(int status, String role, int other) {
        Map<String, Integer> m = all(status);
        m.put(role, other);
        return m;
    }

    /** Editors and above get one status, authors and contributors the other. */
    private static Map<String, Integer> staff(int editorsAndAbove, int others) {
        Map<String, Integer> m = all(editorsAndAbove);
        m.put("author", others);
        m.put("contributor", others);
        return m;
    }

    /** The admin token, owners and admins get one status, the rest the other. */
    private static Map<String, Integer> admins(int adminsAndAbove, int others) {
        Map<String, Integer> m = staff(adminsAndAbove, others);
        m.put("editor", others);
        return m;
    }

    /** A PNG no one uploaded before (one pixel of a colour of its own). */
    private static byte[] png() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, new java.util.Random().nextInt(0xFFFFFF));
        img.setRGB(1, 1, (int) (System.nanoTime() & 0xFFFFFF));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The id of a new image in the library. */
    private static String imageOf() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType("image/png").body(png())
                .post("/api/media").then().statusCode(201).extract().path("id");
    }

    /** The slug of a new tag of a post of {@code token}'s user. */
    private static String tagOf(String token) {
        String name = unique("Matrix tag");
        as(token).body(Map.of("title", unique("Tagged"), "tags", List.of(name))).post("/api/posts").then().statusCode(201);
        return io.cms.common.text.Slugs.slugify(name, "tag");
    }

    private static int create(String token, String status) {
        return createAnswer(token, status).statusCode();
    }

    private static io.restassured.response.Response createAnswer(String token, String status) {
        return as(token).body(Map.of("title", "Matrix " + UUID.randomUUID(), "markdown", "Text.", "status", status))
                .post("/api/posts");
    }

    /** A draft of the token's own, for an action on it. */
    private static String own(String token) {
        io.restassured.response.Response r = createAnswer(token, "draft");
        assertEquals(201, r.statusCode(), r.asString());
        return r.path("id");
    }

    private static String postOf(String token, String status) {
        io.restassured.response.Response r = createAnswer(token, "draft");
        assertEquals(201, r.statusCode(), r.asString());
        String id = r.path("id");
        if (status.equals("published")) {
            publish(InfraResource.ADMIN_TOKEN, id);
        }
        return id;
    }

    private static int edit(String token, String id, String status) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("title", "Edited " + UUID.randomUUID(), "markdown", "Edited."));
        if (status != null) {
            body.put("status", status);
        }
        return as(token).body(body).put("/api/posts/" + id).statusCode();
    }

    private static int schedule(String token, String id) {
        return as(token).body(Map.of("title", "Scheduled", "markdown", "Later.", "status", "scheduled",
                "publishedAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString())).put("/api/posts/" + id).statusCode();
    }

    private static int publish(String token, String id) {
        return as(token).post("/api/posts/" + id + "/publish").statusCode();
    }

    private static int unpublish(String token, String id) {
        return as(token).post("/api/posts/" + id + "/unpublish").statusCode();
    }

    private static int delete(String token, String id) {
        return as(token).delete("/api/posts/" + id).statusCode();
    }

    private static int read(String token, String id) {
        return get(token, "/api/posts/" + id);
    }

    private static int get(String token, String path) {
        return as(token).get(path).statusCode();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** The owner: a new admin the admin token hands ownership to (whoever owned before steps down). */
    private static String owner() {
        String email = unique("owner");
        as(InfraResource.ADMIN_TOKEN).body(userBody(email, "admin")).post("/api/users").then().statusCode(201);
        String id = given().header("Authorization", "Bearer " + signIn(email)).get("/api/users/me").then().extract().path("id");
        as(InfraResource.ADMIN_TOKEN).post("/api/users/" + id + "/ownership").then().statusCode(200);
        return signIn(email);
    }

    private static String user(String role) {
        String email = unique(role);
        as(InfraResource.ADMIN_TOKEN).body(userBody(email, role)).post("/api/users").then().statusCode(201);
        return signIn(email);
    }

    private static String signIn(String email) {
        return TestPosts.signIn(email, PASSWORD);
    }

    private static Map<String, Object> userBody(String email, String role) {
        return Map.of("email", email, "name", "Matrix " + role, "role", role, "password", PASSWORD);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
