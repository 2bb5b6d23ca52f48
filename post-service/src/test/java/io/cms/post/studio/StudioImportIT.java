package io.cms.post.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Import from the studio: files and zips in one upload, a report line per file, for admins only. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioImportIT {

    @Test
    void anAdminUploadsFilesAndAZipAndSeesEveryFilesOutcome() throws IOException {
        StudioSession s = StudioSession.of("admin");
        String slug = "studio-import-" + UUID.randomUUID().toString().substring(0, 8);
        s.page().get("/studio/posts").then().body(containsString("href=\"/studio/import\""));
        s.page().get("/studio/import").then().statusCode(200).body(containsString("enctype=\"multipart/form-data\""));

        byte[] zip = zip("_posts/2020-01-01-" + slug + "-zipped.md", post("Zipped 日本語", "本文。"),
                "_posts/2020-01-02-" + slug + "-binary.md", new byte[] {'-', '-', '-', '\n', 0, 1, 2});
        s.multipart()
                .multiPart("files", slug + ".md", post("Uploaded " + slug, "アップロードした本文。"), "text/markdown")
                .multiPart("files", "latin1.md", "---\ntitle: caf\u00e9\n---\n".getBytes(StandardCharsets.ISO_8859_1), "text/markdown")
                .multiPart("files", "posts.zip", zip, "application/zip")
                .post("/studio/import").then().statusCode(200)
                .body(containsString("2 created, 0 updated, 0 unchanged, 2 failed"))
                .body(containsString("<td>" + slug + ".md</td><td>Created</td>"))
                .body(containsString("latin1.md</td><td>Failed</td><td></td><td>file: is not UTF-8 text"))
                .body(containsString("posts.zip › _posts/2020-01-01-" + slug + "-zipped.md</td><td>Created"))
                .body(containsString("posts.zip › _posts/2020-01-02-" + slug + "-binary.md</td><td>Failed"));
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).get("/api/posts/" + slug + "-zipped").then()
                .statusCode(200).body("title", org.hamcrest.Matchers.equalTo("Zipped 日本語"))
                .body("status", org.hamcrest.Matchers.equalTo("draft"));
        given().cookie("cms_session", s.cookie()).multiPart("csrf", "forged").multiPart("files", "x.md", post("x", "x"), "text/markdown")
                .post("/studio/import").then().statusCode(400);
    }

    @Test
    void importingIsNotOnAnEditorsPagesAndRefused() {
        StudioSession s = StudioSession.of("editor");
        s.page().get("/studio/posts").then().body(not(containsString("/studio/import")));
        s.page().get("/studio/import").then().statusCode(403);
        s.multipart().multiPart("files", "x.md", post("x", "x"), "text/markdown")
                .post("/studio/import").then().statusCode(403);
    }

    private static byte[] post(String title, String body) {
        return ("---\ntitle: " + title + "\ndraft: true\n---\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(Object... nameThenBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
                z.write((byte[]) nameThenBytes[i + 1]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
