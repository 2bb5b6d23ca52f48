package io.cms.post.media;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.cms.common.text.Digests;
import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** A zipped Jekyll site with its {@code assets/}: the images go to the library, the posts point at them. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class MediaImportIT {

    @Test
    void aJekyllSitesImagesComeAlongAndItsPostsPointAtThem() throws Exception {
        String slug = "with-images-" + unique("").strip().replace(' ', '-');
        byte[] chart = TestImages.image("png", 900, 500);
        byte[] cover = TestImages.photoWithExif(1000, 700, 1);
        String post = "---\ntitle: With images\nslug: " + slug + "\nimage: /assets/img/cover.jpg\n---\n"
                + "![Chart]({{ site.baseurl }}/assets/img/chart.png)\n\n"
                + "![Again](../assets/img/chart.png) and ![Elsewhere](https://other.example/assets/img/chart.png)\n\n"
                + "![Missing](/assets/img/missing.png)\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            entry(z, "blog/_posts/2024-01-01-" + slug + ".md", post.getBytes(StandardCharsets.UTF_8));
            entry(z, "blog/assets/img/chart.png", chart);
            entry(z, "blog/assets/img/cover.jpg", cover);
            entry(z, "blog/assets/evil.svg", "<svg><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
        }
        JsonPath report = admin().contentType("application/zip").body(bytes.toByteArray()).post("/api/import").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, report.getInt("created"), report.prettify());
        assertEquals(List.of("created", "created", "failed"), report.getList("media.outcome"), report.prettify());
        assertEquals("file", report.getString("media.find { it.file.endsWith('evil.svg') }.field"));

        Map<String, Object> imported = admin().get("/api/posts/" + slug).then().statusCode(200).extract().path("$");
        String markdown = (String) imported.get("markdown");
        String chartRef = "http://localhost:8081/media/" + Digests.sha256Hex(chart) + "-900x500.png";
        assertTrue(markdown.contains("![Chart](" + chartRef + ")"), markdown);
        assertTrue(markdown.contains("![Again](" + chartRef + ")"), markdown);
        assertTrue(markdown.contains("https://other.example/assets/img/chart.png"), "another site's image stays: " + markdown);
        assertTrue(markdown.contains("/assets/img/missing.png"), "an image the zip did not bring stays: " + markdown);
        @SuppressWarnings("unchecked")
        Map<String, Object> frontMatter = (Map<String, Object>) imported.get("frontMatter");
        assertEquals("http://localhost:8081/media/" + Digests.sha256Hex(cover) + "-1000x700.jpg", frontMatter.get("image"));
        given().get("/media/" + Digests.sha256Hex(chart) + "-640.png").then().statusCode(200).contentType("image/png");
        admin().get("/api/posts/" + slug).then().body("featureImage.width", org.hamcrest.Matchers.equalTo(1000))
                .body("featureImage.height", org.hamcrest.Matchers.equalTo(700))
                .body("featureImage.srcset", org.hamcrest.Matchers.containsString(Digests.sha256Hex(cover) + "-320.jpg 320w"));
        List<String> shown = admin().get("/api/media?usedBy=" + slug).then().statusCode(200).extract().path("items.sha256");
        assertEquals(java.util.Set.of(Digests.sha256Hex(chart), Digests.sha256Hex(cover)), java.util.Set.copyOf(shown));
        admin().get("/api/media?usedBy=no-such-post-" + slug).then().statusCode(400);

        // Importing again finds the same images and the post unchanged.
        JsonPath again = admin().contentType("application/zip").body(bytes.toByteArray()).post("/api/import").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, again.getInt("unchanged"), again.prettify());
        assertEquals(List.of("unchanged", "unchanged", "failed"), again.getList("media.outcome"));

        // Export, and import the export: the same post, the same images.
        byte[] exported = admin().get("/api/export").then().statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, byte[]> entries = unzip(exported);
        String file = entries.keySet().stream().filter(n -> n.startsWith("_posts/") && n.contains(slug)).findFirst().orElseThrow();
        String text = new String(entries.get(file), StandardCharsets.UTF_8);
        assertTrue(text.contains("![Chart](/assets/media/" + Digests.sha256Hex(chart) + ".png)"), text);
        assertTrue(java.util.Arrays.equals(chart, entries.get("assets/media/" + Digests.sha256Hex(chart) + ".png")),
                "the image as uploaded");
        assertTrue(java.util.Arrays.equals(cover, entries.get("assets/media/" + Digests.sha256Hex(cover) + ".jpg")));
        JsonPath back = admin().contentType("application/zip").body(exported).post("/api/import").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("unchanged", back.getString("files.find { it.file == '" + file + "' }.outcome"), back.prettify());
        assertTrue(back.getList("media.outcome").stream().allMatch("unchanged"::equals), back.prettify());
        admin().get("/api/posts/" + slug).then().body("version", org.hamcrest.Matchers.equalTo(1));
        given().get("/api/export").then().statusCode(401);

        // An increment: the posts changed since a time, with their images, and nothing else.
        String updatedAt = admin().get("/api/posts/" + slug).then().extract().path("updatedAt");
        Map<String, byte[]> since = unzip(admin().get("/api/export?since=" + updatedAt.replace("+", "%2B")).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("site-since-")).extract().asByteArray());
        assertTrue(since.containsKey(file), since.keySet().toString());
        assertTrue(since.containsKey("assets/media/" + Digests.sha256Hex(chart) + ".png"), since.keySet().toString());
        String later = java.time.OffsetDateTime.parse(updatedAt).plusSeconds(1).toInstant().toString();
        assertEquals(java.util.Set.of(), unzip(admin().get("/api/export?since=" + later).then().statusCode(200).extract().asByteArray())
                .keySet().stream().filter(n -> n.contains(slug)).collect(java.util.stream.Collectors.toSet()));
        admin().get("/api/export?since=yesterday").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("since"));
        admin().get("/api/export?since=%2B99999-01-01T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("since"));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static void entry(ZipOutputStream z, String name, byte[] content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(content);
        z.closeEntry();
    }
}
