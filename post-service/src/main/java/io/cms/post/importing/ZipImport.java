package io.cms.post.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports every Markdown file of a zip (a zipped {@code _posts/} folder, or a whole Jekyll site),
 * and the images beside them into the media library ({@link ZipAssets}), pointing the posts at them.
 * Entries are streamed, so a zip bomb is cut off by counting what it inflates to, not by trusting
 * the sizes it declares.
 */
@ApplicationScoped
public class ZipImport {

    /** Files imported per transaction. */
    static final int CHUNK = 50;

    private final ImportService importer;
    private final ZipAssets assets;
    private final long maxFileBytes;
    private final long maxTotalBytes;
    private final int maxEntries;

    ZipImport(ImportService importer, ZipAssets assets,
            @ConfigProperty(name = "cms.import.max-file-size", defaultValue = "5000000") long maxFileBytes,
            @ConfigProperty(name = "cms.import.max-total-size", defaultValue = "200000000") long maxTotalBytes,
            @ConfigProperty(name = "cms.import.max-entries", defaultValue = "20000") int maxEntries) {
        this.importer = importer;
        this.assets = assets;
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntries = maxEntries;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public ImportReport importZip(InputStream body) {
        Path spooled = spool(body);
        try {
            ZipAssets.Found images = assets.importFrom(spooled, maxEntries, maxTotalBytes);
            return ImportReport.of(importPosts(spooled, images.links()), images.results());
        } finally {
            try {
                Files.deleteIfExists(spooled);
            } catch (IOException e) {
                // a temporary file left behind; the OS clears its temporary directory
            }
        }
    }

    /**
     * The zip on disk: read twice (its images first, so the posts can point at them), and never
     * held in memory whole. Bounded like what it inflates to.
     */
    private Path spool(InputStream body) {
        try {
            Path file = Files.createTempFile("cms-import-", ".zip");
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buf = new byte[65536];
                long total = 0;
                for (int n; (n = body.read(buf)) > 0; ) {
                    total += n;
                    if (total > maxTotalBytes) {
                        Files.deleteIfExists(file);
                        throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "The zip is larger than " + maxTotalBytes + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            return file;
        } catch (IOException e) {
            throw ProblemException.invalid("body", "could not be read: " + e.getMessage());
        }
    }

    private List<ImportResult> importPosts(Path zipFile, Map<String, String> links) {
        List<ImportResult> results = new ArrayList<>();
        List<Pending> chunk = new ArrayList<>();
        java.util.Set<String> claimed = new java.util.HashSet<>();
        long[] total = {0};
        int entries = ZipWalk.each(zipFile, maxEntries, (entry, zip) -> {
            if (entry.isDirectory() || !isPost(entry.getName())) {
                return;
            }
            byte[] bytes = read(zip, maxFileBytes + 1);
            total[0] += bytes.length;
            if (total[0] > maxTotalBytes) {
                throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "The zip inflates to more than " + maxTotalBytes + " bytes of posts");
            }
            if (bytes.length > maxFileBytes) {
                results.add(ImportResult.failed(entry.getName(), "file", "is larger than the limit of " + maxFileBytes + " bytes"));
                return;
            }
            chunk.add(new Pending(entry.getName(), withLinks(bytes, links)));
            if (chunk.size() == CHUNK) {
                importChunk(chunk, claimed, results);
            }
        });
        importChunk(chunk, claimed, results);
        if (entries == 0) {
            throw ProblemException.invalid("body", "is not a zip archive, or an empty one");
        }
        return results;
    }

    /** The file with its images pointed at the library; as it was when it is not UTF-8 (the importer reports that). */
    private static byte[] withLinks(byte[] bytes, Map<String, String> links) {
        if (links.isEmpty()) {
            return bytes;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            String text = decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return AssetLinks.rewrite(text, links).getBytes(StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            return bytes;
        }
    }

    /** A file read from the zip, waiting for its chunk to be imported. */
    private record Pending(String name, byte[] bytes) {
    }

    /** Thrown inside a chunk's transaction to undo it when one of its files fails. */
    private static final class ChunkFailed extends RuntimeException {
        ChunkFailed() {
            super(null, null, false, false);
        }
    }

    /**
     * Imports up to {@value #CHUNK} files in one transaction: a commit per file (its own WAL flush)
     * made a 268-post import take 11 s. If any file of the chunk fails, the chunk is rolled back and
     * its files are imported one by one as before, so a bad file never takes good ones with it and
     * the report is the same either way. Each file still gets its own change event.
     */
    private void importChunk(List<Pending> chunk, java.util.Set<String> claimed, List<ImportResult> results) {
        if (chunk.isEmpty()) {
            return;
        }
        java.util.Set<String> claimedBefore = new java.util.HashSet<>(claimed);
        try {
            results.addAll(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                List<ImportResult> done = new ArrayList<>();
                for (Pending p : chunk) {
                    ImportResult r = importer.importFile(p.name(), p.bytes(), claimed);
                    if (r.isFailed()) {
                        throw new ChunkFailed();
                    }
                    done.add(r);
                }
                return done;
            }));
        } catch (RuntimeException e) {
            claimed.clear();
            claimed.addAll(claimedBefore);
            for (Pending p : chunk) {
                results.add(importer.importFile(p.name(), p.bytes(), claimed));
            }
        }
        chunk.clear();
    }

    /** Markdown files; not hidden files or macOS resource forks. */
    static boolean isPost(String path) {
        String p = path.replace('\\', '/');
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.startsWith(".") || p.startsWith("__MACOSX/") || p.contains("/__MACOSX/")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".mdown")
                || lower.endsWith(".mkd") || lower.endsWith(".mkdn");
    }

    /** Reads at most {@code limit} bytes; a longer entry is cut there (and then reported as too large). */
    public static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - out.size()))) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
