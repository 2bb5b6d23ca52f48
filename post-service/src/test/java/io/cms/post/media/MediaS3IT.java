package io.cms.post.media;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.cms.post.InfraResource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The media library's tests ({@link MediaIT}) again, with the files on an S3-compatible store (S3Mock). */
@QuarkusTest
@TestProfile(MediaS3IT.OnS3.class)
class MediaS3IT extends MediaIT {

    /** The media store on S3Mock, started for this profile. */
    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3MockServer.class));
        }
    }

    @Inject
    MediaStore store;

    @ConfigProperty(name = "cms.media.s3.endpoint")
    String endpoint;

    @Test
    void theFilesAreInTheBucket() throws Exception {
        assertTrue(ClientProxy.unwrap(store) instanceof S3MediaStore, "the S3 store: " + ClientProxy.unwrap(store));
        byte[] png = TestImages.image("png", 333, 222);
        String sha = given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType("image/png").body(png)
                .post("/api/media").then().statusCode(201).extract().path("sha256");
        given().get("/media/" + sha + "-320.png").then().statusCode(200);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> original = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + S3MockServer.BUCKET
                + "/originals/" + sha)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, original.statusCode());
        assertArrayEquals(png, original.body());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + S3MockServer.BUCKET + "/variants/" + sha
                + "-320.png")).build(), HttpResponse.BodyHandlers.discarding()).statusCode(), "the variant made, kept in the bucket");
    }
}
