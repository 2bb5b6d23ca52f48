package io.cms.post.studio;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** The media library in the studio: upload, the Markdown to copy, alt text, deletion by editors only. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioMediaIT {

    @Test
    void aContributorUploadsImagesCopiesTheirMarkdownAndWritesAltText() throws IOException {
        StudioSession s = StudioSession.of("contributor");
        String name = "chart-" + ThreadLocalRandom.current().nextInt(1_000_000) + ".png";
        s.page().get("/studio/posts").then().body(containsString("href=\"/studio/media\""));
        byte[] chart = image(300, 200);
        upload(s, name, chart, "notes.txt", "not an image at all".getBytes()).then().statusCode(200)
                .body(containsString("<td>" + name + "</td><td>Added to the library</td>"))
                .body(containsString("<td>notes.txt</td><td>file: is not a JPEG, PNG, GIF or WebP image</td>"));
        upload(s, "chart-again.png", chart, "also.txt", "x".getBytes()).then().statusCode(200)
                .body(containsString("<td>chart-again.png</td><td>Already in the library (the same file)</td>"));

        JsonPath m = admin().get("/api/media?limit=100").then().extract().jsonPath();
        String id = m.getString("items.find { it.fileName == '" + name + "' }.id");
        String url = m.getString("items.find { it.fileName == '" + name + "' }.url");
        String sha = m.getString("items.find { it.fileName == '" + name + "' }.sha256");
        s.page().get("/studio/media").then().statusCode(200).header("Content-Security-Policy", containsString("img-src 'self'"))
                .body(containsString("<img src=\"/media/" + sha + "-300.png\""))
                .body(containsString("value=\"![](" + url + ")\""))
                .body(containsString("300 × 200 pixels"))
                .body(not(containsString("/studio/media/" + id + "/delete")));
        given().get("/media/" + sha + "-300.png").then().statusCode(200).contentType("image/png");

        s.form(Map.of("alt", "売上のグラフ", "page", "1")).post("/studio/media/" + id + "/alt").then().statusCode(303)
                .header("Location", containsString("/studio/media?note=saved&page=1#image-" + id));
        admin().get("/api/media/" + id).then().body("alt", equalTo("売上のグラフ"));
        s.page().get("/studio/media?note=saved").then().body(containsString("Alt text saved."))
                .body(containsString("value=\"![売上のグラフ](" + url + ")\""));
        s.form(Map.of("alt", "x".repeat(1001))).post("/studio/media/" + id + "/alt").then().statusCode(400)
                .body(containsString("alt: must be at most 1 000 characters"));

        s.form(Map.of()).post("/studio/media/" + id + "/delete").then().statusCode(403);
        given().cookie("cms_session", s.cookie()).multiPart("csrf", "forged").multiPart("files", "x.png", chart, "image/png")
                .post("/studio/media").then().statusCode(400);
        given().redirects().follow(false).get("/studio/media").then().statusCode(303)
                .header("Location", containsString("/studio/sign-in"));
    }

    @Test
    void anEditorDeletesImagesButNotOnesAPublishedPostShows() throws IOException {
        StudioSession editor = StudioSession.of("editor");
        String kept = "kept-" + ThreadLocalRandom.current().nextInt(1_000_000) + ".png";
        String gone = "gone-" + ThreadLocalRandom.current().nextInt(1_000_000) + ".png";
        upload(editor, kept, image(120, 80), gone, image(120, 80)).then().statusCode(200);
        JsonPath m = admin().get("/api/media?limit=100").then().extract().jsonPath();
        String keptId = m.getString("items.find { it.fileName == '" + kept + "' }.id");
        String goneId = m.getString("items.find { it.fileName == '" + gone + "' }.id");
        create(body(unique("Shows it"), "markdown", "![kept](" + m.getString("items.find { it.fileName == '" + kept + "' }.url") + ")",
                "status", "published"));

        editor.page().get("/studio/media").then().body(containsString("/studio/media/" + goneId + "/delete"));
        editor.form(Map.of("page", "1")).post("/studio/media/" + goneId + "/delete").then().statusCode(303)
                .header("Location", containsString("/studio/media?note=deleted"));
        admin().get("/api/media/" + goneId).then().statusCode(404);
        editor.form(Map.of()).post("/studio/media/" + keptId + "/delete").then().statusCode(409)
                .body(containsString("published"));
        admin().get("/api/media/" + keptId).then().statusCode(200);
    }

    @Test
    void theApiTakesAFormUploadAsWell() throws IOException {
        byte[] photo = image(64, 48);
        admin().multiPart("file", "form.png", photo, "image/jpeg").post("/api/media").then().statusCode(201)
                .body("type", equalTo("image/png")).body("fileName", equalTo("form.png")).body("width", equalTo(64));
        admin().multiPart("file", "again.png", photo, "image/png").post("/api/media").then().statusCode(200);
        admin().multiPart("other", "x.png", photo, "image/png").post("/api/media").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("file"));
        given().multiPart("file", "x.png", photo, "image/png").post("/api/media").then().statusCode(401);
    }

    private static io.restassured.response.Response upload(StudioSession s, String name, byte[] bytes, String other, byte[] otherBytes) {
        return s.multipart()
                .multiPart("files", name, bytes, "image/png").multiPart("files", other, otherBytes, "application/octet-stream")
                .post("/studio/media");
    }

    /** A picture of one colour no other test picks, so its bytes are new to the library. */
    private static byte[] image(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(ThreadLocalRandom.current().nextInt(1 << 24)));
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
