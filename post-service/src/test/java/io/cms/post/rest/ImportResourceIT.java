package io.cms.post.rest;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class ImportResourceIT {

    /** The shared samples exist in CI and in a full workspace, not in a bare clone. */
    private static final Path SHARED = Path.of("..", "..", "shared", "samples").toAbsolutePath().normalize();

    @Test
    void ownFixturesImportAsAZipWithoutFailures() throws IOException {
        byte[] zip = zip(Path.of("src/test/resources/posts"));
        JsonPath report = importZip(zip).then().statusCode(200).extract().jsonPath();
        assertEquals(0, report.getInt("failed"), report.prettify());
        assertEquals(5, report.getList("files").size());
        // Importing again matches by slug and changes nothing.
        JsonPath again = importZip(zip).then().statusCode(200).extract().jsonPath();
        assertEquals(5, again.getInt("unchanged"), again.prettify());
    }

    @Test
    void oneBadFileInAZipFailsAloneAndChangesNothing() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String good = "zip-good-" + unique("").strip();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            entry(z, "_posts/2020-01-01-" + good + ".md", "---\ntitle: Good\n---\nfine\n");
            entry(z, "_posts/2020-01-02-zip-broken.md", "---\ntitle: \"open\n---\nbroken\n");
            entry(z, "_posts/2020-01-03-zip-binary.md", "\0\1\2 binary");
            entry(z, "__MACOSX/_posts/._2020-01-01-x.md", "ignored");
            entry(z, "_posts/image.png", "ignored");
        }
        JsonPath report = importZip(bytes.toByteArray()).then().statusCode(200).extract().jsonPath();
        assertEquals(1, report.getInt("created"), report.prettify());
        assertEquals(2, report.getInt("failed"));
        assertEquals("frontMatter", report.getString("files.find { it.file.endsWith('zip-broken.md') }.field"));
        admin().get("/api/posts/zip-broken").then().statusCode(404);
        admin().get("/api/posts/" + good).then().statusCode(200);
    }

    /**
     * Files are imported 50 to a transaction; a bad file rolls its chunk back and the chunk is
     * redone file by file: the good files of that chunk are created once, a slug reused on another
     * date still gets its suffix, and nothing of the bad file is stored.
     */
    @Test
    void aBadFileInALargeZipCostsOnlyItself() throws IOException {
        String run = unique("").strip().toLowerCase(java.util.Locale.ROOT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 120; i++) {
                String name = i == 75 ? "bulk-" + run + "-10" : "bulk-" + run + "-" + i;
                String body = i == 70 ? "---\ntitle: \"open\n---\nbroken\n" : "---\ntitle: Bulk " + i + "\n---\ntext " + i + "\n";
                entry(z, String.format("_posts/2021-01-%02d-%s.md", 1 + i % 28, name), body);
            }
        }
        JsonPath report = importZip(bytes.toByteArray()).then().statusCode(200).extract().jsonPath();
        assertEquals(119, report.getInt("created"), report.prettify());
        assertEquals(1, report.getInt("failed"));
        assertEquals(120, report.getList("files").size());
        assertEquals("Bulk 10", admin().get("/api/posts/bulk-" + run + "-10").then().statusCode(200).extract().path("title"));
        assertEquals("Bulk 75", admin().get("/api/posts/bulk-" + run + "-10-2").then().statusCode(200).extract().path("title"));
        admin().get("/api/posts/bulk-" + run + "-70").then().statusCode(404);
        admin().get("/api/posts/bulk-" + run + "-71").then().statusCode(200);
        admin().get("/api/posts/bulk-" + run + "-10-3").then().statusCode(404);
    }

    @Test
    void exportThenImportGivesTheSamePost() throws IOException {
        String title = unique("往復 round trip");
        String markdown = "# 見出し\n\n本文 with trailing spaces  \n\n```java\nclass A {}\n```\n";
        String id = create(body(title, "markdown", markdown, "tags", List.of("日本語", "java"),
                "categories", List.of("notes"), "author", "著者", "lang", "ja", "layout", "post",
                "excerpt", "要約です。", "status", "published",
                "frontMatter", Map.of("reading_time", 20, "header-img", "img/x.jpg", "flags", List.of(true, 1.5))));
        Map<String, Object> before = admin().get("/api/posts/" + id).then().extract().jsonPath().getMap("");

        byte[] exported = admin().get("/api/posts/" + id + "/export").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asByteArray();
        admin().contentType("text/markdown").body(exported).post("/api/import?filename=exported.md")
                .then().statusCode(200).body("unchanged", equalTo(1));
        Map<String, Object> after = admin().get("/api/posts/" + id).then().extract().jsonPath().getMap("");
        assertEquals(before, after);
        byte[] exportedAgain = admin().get("/api/posts/" + id + "/export").then().extract().asByteArray();
        assertArrayEquals(exported, exportedAgain);
    }

    @Test
    void badSingleFilesGetProblemsNamingFileAndFault() {
        admin().contentType("text/markdown").body("---\ntitle: \"open\n---\nx".getBytes(StandardCharsets.UTF_8))
                .post("/api/import?filename=2020-01-01-bad.md")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("2020-01-01-bad.md"))
                .body("errors.field", hasItem("frontMatter"));
        admin().contentType("text/markdown").body(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})
                .post("/api/import?filename=bin.md").then().statusCode(400).body("errors.field", hasItem("file"));
        admin().contentType("text/markdown").body(new byte[6_000_000])
                .post("/api/import?filename=huge.md").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("huge.md"));
        admin().contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8))
                .post("/api/import").then().statusCode(400).body("errors.field", hasItem("body"));
        given().contentType("text/markdown").body("---\ntitle: x\n---\n").post("/api/import").then().statusCode(401);
    }

    @Test
    void aZipBombIsCutOffAtTheFileLimit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("_posts/2020-01-01-bomb.md"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertEquals(true, bytes.size() < 200_000, "the zip is small; it inflates to 64 MB");
        importZip(bytes.toByteArray()).then().statusCode(200)
                .body("failed", equalTo(1)).body("files[0].error", containsString("larger than the limit"));
    }

    @Test
    void theSamplePostImportsWithItsFrontMatterIntact() throws IOException {
        Path sample = SHARED.resolve("posts/2025-10-07-china-ai-5300.md");
        assumeTrue(Files.exists(sample), "shared samples not present");
        JsonPath report = admin().contentType("text/markdown").body(Files.readAllBytes(sample))
                .post("/api/import?filename=" + sample.getFileName()).then().statusCode(201).extract().jsonPath();
        String id = report.getString("files[0].id");
        admin().get("/api/posts/" + id).then().statusCode(200)
                .body("title", equalTo("中国AI企業5300社突破、その数字が語る真意とは？"))
                .body("publishedAt", equalTo("2025-10-07T20:36:19Z"))
                .body("categories", equalTo(List.of("業界別AI活用")))
                .body("tags", equalTo(List.of("LLM", "AIエージェント", "マルチモーダル", "音声AI", "AI規制", "AI人材")))
                .body("author", equalTo("ALLFORCES編集部"))
                .body("excerpt", containsString("中国のAI企業が5300社を突破した"))
                .body("frontMatter.reading_time", equalTo(20))
                .body("status", equalTo("published"))
                .body("layout", equalTo("post"));
    }

    @Test
    void theWholeSharedCorpusImportsWithZeroFailures() throws IOException {
        Path corpus = SHARED.resolve("corpus");
        assumeTrue(Files.isDirectory(corpus), "shared corpus not present");
        // The corpus folders hold the posts; SOURCES.md beside them describes them.
        JsonPath report = importZip(zip(corpus, 1)).then().statusCode(200).extract().jsonPath();
        assertEquals(268, report.getList("files").size());
        assertEquals(0, report.getInt("failed"), report.prettify());
        // Two vim-jp posts share a slug on different dates: both become posts, the later one suffixed.
        assertEquals(268, report.getInt("created") + report.getInt("updated") + report.getInt("unchanged"));
        assertEquals(268, new java.util.HashSet<>(report.getList("files.id")).size());
    }

    private static io.restassured.response.Response importZip(byte[] zip) {
        return admin().contentType("application/zip").body(zip).post("/api/import");
    }

    private static byte[] zip(Path dir) throws IOException {
        return zip(dir, 0);
    }

    /** Zips the files at least {@code minDepth} folders below {@code dir}. */
    private static byte[] zip(Path dir, int minDepth) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> dir.relativize(f).getNameCount() > minDepth).sorted().toList()) {
                z.putNextEntry(new ZipEntry(dir.relativize(f).toString()));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream z, String name, String content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
