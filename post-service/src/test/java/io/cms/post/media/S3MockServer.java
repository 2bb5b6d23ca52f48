package io.cms.post.media;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Adobe's S3Mock, a real S3-compatible server, in a process of its own (its Spring Boot jar is copied
 * to {@code target/s3mock/} by the build), with the bucket the media store is given.
 */
public class S3MockServer implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "cms-media";

    private Process process;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of("target", "s3mock", "s3mock.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("S3Mock is not at " + jar + ": run the tests through `mvn verify`, whose"
                    + " pre-integration-test phase copies it there (maven-dependency-plugin, execution s3mock)");
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path root = Path.of("target", "s3mock", "root-" + UUID.randomUUID()).toAbsolutePath();
            Path log = Path.of("target", "s3mock", "s3mock-" + port + ".log").toAbsolutePath();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--server.port=0", "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET, "--logging.level.root=WARN"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String endpoint = "http://localhost:" + port;
            awaitUp(endpoint, log);
            return Map.of("cms.media.store", "s3", "cms.media.s3.bucket", BUCKET, "cms.media.s3.endpoint", endpoint,
                    "cms.media.s3.access-key", "test", "cms.media.s3.secret-key", "test", "cms.media.s3.path-style", "true");
        } catch (IOException e) {
            throw new IllegalStateException("S3Mock did not start", e);
        }
    }

    private void awaitUp(String endpoint, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("S3Mock did not answer within 90 s: " + Files.readString(log));
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }
}
