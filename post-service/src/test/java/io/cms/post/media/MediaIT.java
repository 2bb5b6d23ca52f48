package io.cms.post.media;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import io.cms.common.text.Digests;
import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** The media library through the real service and database: uploads, refusals, variants, deletion. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class MediaIT {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @Test
    void theTypeIsToldByTheBytesAndTheSameBytesAreKeptOnce() throws Exception {
        byte[] png = TestImages.image("png", 801, 601);
        JsonPath first = upload(png, "image/jpeg", "photo.jpg").then().statusCode(201).extract().jsonPath();
        assertEquals("image/png", first.getString("type"), "a PNG declared as JPEG is a PNG");
        assertEquals(801, first.getInt("width"));
        assertEquals(601, first.getInt("height"));
        assertEquals(png.length, first.getLong("bytes"));
        assertEquals(Digests.sha256Hex(png), first.getString("sha256"));
        assertEquals(List.of(320, 640, 801), first.getList("variants.width"));
        assertTrue(first.getString("url").endsWith("/media/" + first.getString("sha256") + "-801x601.png"), first.getString("url"));
        upload(png, "image/png", "again.png").then().statusCode(200).body("id", equalTo(first.getString("id")));

        upload(TestImages.image("gif", 40, 30), "application/octet-stream", null).then().statusCode(201)
                .body("type", equalTo("image/gif")).body("variants.width", equalTo(List.of(40)));
        upload(TestImages.WEBP, "image/webp", "dot.webp").then().statusCode(201).body("type", equalTo("image/webp"))
                .body("width", equalTo(1));
        admin().get("/api/media?type=png").then().statusCode(200).body("items.id", hasItem(first.getString("id")));
        admin().get("/api/media?type=tiff").then().statusCode(400).body("errors.field", hasItem("type"));
    }

    @Test
    void whatIsNotAnImageOrIsABombIsRefusedBeforeDecoding() throws Exception {
        upload("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(), "image/svg+xml", "x.svg")
                .then().statusCode(415).contentType("application/problem+json").body("errors.field", hasItem("file"))
                .body("detail", org.hamcrest.Matchers.containsString("SVG"));
        upload("just text".getBytes(), "image/png", "x.png").then().statusCode(415).body("errors.field", hasItem("file"));
        upload(new byte[0], "image/png", "x.png").then().statusCode(400).body("errors.field", hasItem("body"));

        byte[] bomb = TestImages.pngBomb(50_000, 50_000);
        assertTrue(bomb.length < 1_000_000);
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        upload(bomb, "image/png", "bomb.png").then().statusCode(413).body("errors.field", hasItem("file"))
                .body("errors[0].limit", equalTo(50_000_000)).body("errors[0].actual", equalTo(2_500_000_000L));
        long after = rt.totalMemory() - rt.freeMemory();
        assertTrue(after - before < 200_000_000L, "2.5 gigapixels were not decoded: " + (after - before) + " bytes more");

        given().contentType("image/png").body(TestImages.image("png", 10, 10)).post("/api/media").then().statusCode(401);
    }

    @Test
    void variantsAreUprightWithoutMetadataImmutableAndServedInRanges() throws Exception {
        byte[] photo = TestImages.photoWithExif(1200, 800, 6); // rotated a quarter clockwise when shown
        Metadata original = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo));
        assertEquals("PhoneCo", original.getFirstDirectoryOfType(ExifIFD0Directory.class).getString(ExifIFD0Directory.TAG_MAKE));
        assertEquals(6, original.getFirstDirectoryOfType(ExifIFD0Directory.class).getInt(ExifIFD0Directory.TAG_ORIENTATION));
        assertTrue(original.containsDirectoryOfType(GpsDirectory.class), "the upload has a position");
        JsonPath m = upload(photo, "image/jpeg", "phone.jpg").then().statusCode(201).extract().jsonPath();
        assertEquals(800, m.getInt("width"), "as shown: the orientation swaps the sides");
        assertEquals(1200, m.getInt("height"));
        assertEquals(List.of(320, 640, 800), m.getList("variants.width"));
        String sha = m.getString("sha256");

        byte[] small = given().get("/media/" + sha + "-320.jpg").then().statusCode(200).contentType("image/jpeg")
                .header("Cache-Control", "public, max-age=31536000, immutable").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox").header("ETag", "\"" + sha + "-320.jpg\"")
                .extract().asByteArray();
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(small));
        assertEquals(320, shown.getWidth());
        assertEquals(480, shown.getHeight());
        assertTrue(isRed(shown.getRGB(300, 20)), "the red top-left quarter is at the top right once turned clockwise");
        assertFalse(isRed(shown.getRGB(20, 20)));
        assertNoMetadata(small);

        given().header("If-None-Match", "\"" + sha + "-320.jpg\"").get("/media/" + sha + "-320.jpg").then().statusCode(304);
        byte[] part = given().header("Range", "bytes=10-19").get("/media/" + sha + "-320.jpg").then().statusCode(206)
                .header("Content-Range", "bytes 10-19/" + small.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(small, 10, 20), part);
        assertEquals(5, given().header("Range", "bytes=-5").get("/media/" + sha + "-320.jpg").then().statusCode(206)
                .extract().asByteArray().length);
        given().header("Range", "bytes=" + small.length + "-").get("/media/" + sha + "-320.jpg").then().statusCode(416)
                .header("Content-Range", "bytes */" + small.length);

        given().get("/media/" + sha + "-1200.jpg").then().statusCode(404); // never enlarged
        given().get("/media/" + sha + "-333.jpg").then().statusCode(404);
        given().get("/media/" + sha + "-320.png").then().statusCode(404);
        given().get("/media/../../etc/passwd").then().statusCode(404);
        byte[] largest = given().get("/media/" + sha + "-800.jpg").then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        assertNoMetadata(largest);
        assertTrue(m.getString("url").endsWith("/media/" + sha + "-800x1200.jpg"), m.getString("url"));
        assertArrayEquals(largest, given().get("/media/" + sha + "-800x1200.jpg").then().statusCode(200).extract().asByteArray(),
                "the reference is the file of its width");
        given().get("/media/" + sha + "-800x1199.jpg").then().statusCode(404);
    }

    @Test
    void animatedGifsKeepEveryFrameAndTheirTimingButNoMetadata() throws Exception {
        byte[] gif = TestImages.animatedGif(120, 80, 3, 40);
        assertTrue(TestImages.contains(gif, "PhoneCo") && TestImages.contains(gif, "XMP Data"));
        JsonPath m = upload(gif, "image/gif", "spinner.gif").then().statusCode(201).body("type", equalTo("image/gif"))
                .body("width", equalTo(120)).body("variants.width", equalTo(List.of(120))).extract().jsonPath();
        String sha = m.getString("sha256");
        assertTrue(m.getString("url").endsWith("/media/" + sha + "-120x80.gif"), m.getString("url"));
        assertEquals(m.getString("url").replace("-120x80.gif", "-120.gif") + " 120w", m.getString("srcset"));

        byte[] served = given().get("/media/" + sha + "-120.gif").then().statusCode(200).contentType("image/gif")
                .header("Cache-Control", "public, max-age=31536000, immutable").extract().asByteArray();
        assertFalse(TestImages.contains(served, "PhoneCo") || TestImages.contains(served, "XMP"), "no comment, no XMP");
        assertTrue(TestImages.contains(served, "NETSCAPE2.0"), "it still loops");
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(served)));
        assertEquals(3, reader.getNumImages(true), "every frame");
        for (int i = 0; i < 3; i++) {
            IIOMetadataNode tree = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
            assertEquals("40", ((IIOMetadataNode) tree.getElementsByTagName("GraphicControlExtension").item(0)).getAttribute("delayTime"));
        }
        assertEquals(new Color(0, 255, 0).getRGB(), reader.read(1).getRGB(60, 40), "the second frame is the green one");
        reader.dispose();
        assertArrayEquals(served, given().get("/media/" + sha + "-120x80.gif").then().statusCode(200).extract().asByteArray());
        given().get("/media/" + sha + "-120.png").then().statusCode(404);
        given().get("/media/" + sha + "-320.gif").then().statusCode(404);

        byte[] still = TestImages.image("gif", 40, 30); // one frame: a drawing like any other
        upload(still, "image/gif", "still.gif").then().statusCode(201).body("url", org.hamcrest.Matchers.endsWith("-40x30.png"));

        byte[] frames = TestImages.gifFrameBomb(5000, 5000, 9); // 25 MP each, 225 MP together, 140 bytes
        upload(frames, "image/gif", "frames.gif").then().statusCode(413).body("errors.field", hasItem("file"))
                .body("errors[0].limit", equalTo(200_000_000)).body("errors[0].actual", equalTo(225_000_000));
        byte[] cut = Arrays.copyOf(gif, gif.length / 2);
        upload(cut, "image/gif", "cut.gif").then().statusCode(415).body("errors.field", hasItem("file"));
    }

    @Test
    void altTextAndFocalPointAndDeletionThatSparesPublishedPosts() throws Exception {
        JsonPath m = upload(TestImages.image("png", 300, 200), "image/png", "figure.png").then().statusCode(201)
                .extract().jsonPath();
        String id = m.getString("id");
        admin().contentType(ContentType.JSON).body(Map.of("alt", "A red and blue figure", "focalPoint", Map.of("x", 0.25, "y", 0.25)))
                .put("/api/media/" + id).then().statusCode(200).body("alt", equalTo("A red and blue figure"))
                .body("focalPoint.x", equalTo(0.25f)).body("version", equalTo(2));
        admin().contentType(ContentType.JSON).body(Map.of("focalPoint", Map.of("x", 2, "y", 0))).put("/api/media/" + id).then()
                .statusCode(400).body("errors.field", hasItem("focalPoint"));
        admin().contentType(ContentType.JSON).body(Map.of("width", 10, "colour", "red")).put("/api/media/" + id).then()
                .statusCode(400).body("errors.field", hasItem("colour"));

        String post = create(body(unique("Illustrated"), "markdown", "![figure](" + m.getString("url") + ")", "status", "published"));
        String file = "/media/" + m.getString("sha256") + "-300.png";
        byte[] first = given().get(file).then().statusCode(200).extract().asByteArray();
        double hits = mediaCacheHits();
        assertArrayEquals(first, given().get(file).then().statusCode(200).extract().asByteArray());
        given().header("If-None-Match", "\"" + m.getString("sha256") + "-300.png\"").get(file).then().statusCode(304);
        assertEquals(hits + 2, mediaCacheHits(), "served again from memory");
        admin().delete("/api/media/" + id).then().statusCode(409).contentType("application/problem+json");
        admin().get("/api/media/" + id).then().statusCode(200);
        admin().delete("/api/media/" + id + "?force=true").then().statusCode(204);
        admin().get("/api/media/" + id).then().statusCode(404);
        given().get(file).then().statusCode(404);
        given().header("If-None-Match", "\"" + m.getString("sha256") + "-300.png\"").get(file).then().statusCode(404);
        admin().get("/api/posts/" + post).then().statusCode(200);
    }

    @Test
    void imagesNoPostShowsAreReportedAndCleanedUp() throws Exception {
        JsonPath kept = upload(TestImages.image("png", 64, 48), "image/png", "kept.png").then().statusCode(201).extract().jsonPath();
        JsonPath orphan = upload(TestImages.image("png", 65, 48), "image/png", "orphan.png").then().statusCode(201)
                .extract().jsonPath();
        create(body(unique("Draft with a figure"), "markdown", "![kept](" + kept.getString("url") + ")"));

        List<String> orphans = admin().get("/api/media/orphans").then().statusCode(200).extract().path("items.id");
        assertTrue(orphans.contains(orphan.getString("id")), orphans.toString());
        assertFalse(orphans.contains(kept.getString("id")), "a draft's image is not an orphan");
        admin().delete("/api/media/orphans").then().statusCode(200).body("deleted", equalTo(0)); // none a day old
        admin().delete("/api/media/orphans?olderThan=yesterday").then().statusCode(400).body("errors.field", hasItem("olderThan"));
        String orphanFile = "/media/" + orphan.getString("sha256") + "-65.png";
        given().get(orphanFile).then().statusCode(200);
        int deleted = admin().delete("/api/media/orphans?olderThan=PT0S").then().statusCode(200).extract().path("deleted");
        assertTrue(deleted >= 1);
        given().get(orphanFile).then().statusCode(404);
        admin().get("/api/media/" + orphan.getString("id")).then().statusCode(404);
        admin().get("/api/media/" + kept.getString("id")).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("cms_media_stored_bytes"));
    }

    private double mediaCacheHits() {
        return new io.cms.testkit.RawHttp(base).counter("cms_cache_requests_total", "cache=\"media\"", "result=\"hit\"");
    }

    /** Read back by an EXIF/XMP/IPTC reader other than the service's: nothing but the image's own structure. */
    private static void assertNoMetadata(byte[] served) throws Exception {
        Metadata read = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served));
        for (Directory d : read.getDirectories()) {
            assertFalse(d instanceof ExifDirectoryBase || d instanceof GpsDirectory || d.getName().matches("(?i).*(xmp|iptc|icc|photoshop|comment).*"),
                    "served with " + d.getName() + ": " + d.getTags());
        }
        assertFalse(TestImages.contains(served, "PhoneCo"), "no camera make anywhere in the bytes");
    }

    private static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getBlue() < 90;
    }

    private static io.restassured.response.Response upload(byte[] bytes, String type, String fileName) {
        var request = given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(type).body(bytes);
        if (fileName != null) {
            request = request.queryParam("filename", fileName);
        }
        return request.post("/api/media");
    }
}
