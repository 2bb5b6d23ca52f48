package io.cms.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Imports a Jekyll {@code _posts} folder (or any folder of Markdown posts, searched recursively)
 * into post-service as one zip, the way a user would with curl. Posts are created or updated by
 * slug, so importing the same folder again changes only what changed.
 */
public final class JekyllImport {

    /** What post-service reported: counts per outcome, each failure with its reason, the whole answer. */
    public record Report(int files, int created, int updated, int unchanged, int failed, List<String> failures,
            JsonNode body) {
    }

    private JekyllImport() {
    }

    /** The Markdown files under {@code dir} (hidden files and folders skipped). */
    public static List<Path> markdownFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i)[^.].*\\.(md|markdown|mdown|mkd)"))
                    .filter(p -> dir.relativize(p).toString().split("/")[0].charAt(0) != '.')
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip of the files, named by their path relative to {@code dir}. */
    public static byte[] zip(Path dir, List<Path> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                out.putNextEntry(new ZipEntry(dir.relativize(f).toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Imports every Markdown file under {@code dir} through {@code POST /api/import}. */
    public static Report importFolder(Path dir, String postServiceUrl, String adminToken) throws InterruptedException {
        List<Path> files = markdownFiles(dir);
        if (files.isEmpty()) {
            return new Report(0, 0, 0, 0, 0, List.of(), null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(postServiceUrl + "/api/import"))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip(dir, files))).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("post-service refused the import (" + response.statusCode() + "): "
                        + body.path("detail").asText(response.body()));
            }
            List<String> failures = new ArrayList<>();
            for (JsonNode f : body.path("files")) {
                if ("failed".equals(f.path("outcome").asText())) {
                    failures.add(f.path("file").asText() + ": " + f.path("field").asText("file") + " " + f.path("error").asText());
                }
            }
            return new Report(files.size(), body.path("created").asInt(), body.path("updated").asInt(),
                    body.path("unchanged").asInt(), body.path("failed").asInt(), failures, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Import failed: " + e.getMessage(), e);
        }
    }
}
