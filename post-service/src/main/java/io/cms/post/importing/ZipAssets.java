package io.cms.post.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.media.MediaConfig;
import io.cms.post.media.MediaLibrary;
import io.cms.post.media.MediaVariants;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The images a zip brings (a Jekyll site's {@code assets/}, or any image files beside the posts),
 * stored in the media library as any upload is (type told by the bytes, limits, once per content).
 * Their addresses are taken relative to the site's root: the folder that holds {@code _posts/}, or
 * the zip's root when there is none.
 */
@ApplicationScoped
public class ZipAssets {

    /** What the images gave: site-relative path → library reference, and a result per image file. */
    public record Found(Map<String, String> links, List<ImportResult> results) {
    }

    private final MediaLibrary library;
    private final MediaVariants files;
    private final long maxImageBytes;

    ZipAssets(MediaLibrary library, MediaVariants files, MediaConfig config) {
        this.library = library;
        this.files = files;
        this.maxImageBytes = config.maxBytes().asLongValue();
    }

    Found importFrom(Path zipFile, int maxEntries, long maxTotalBytes) {
        Map<String, String> byEntry = new LinkedHashMap<>();
        List<ImportResult> results = new ArrayList<>();
        String root = "";
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "The zip has more than " + maxEntries + " entries");
                }
                String name = entry.getName().replace('\\', '/');
                int posts = name.indexOf("_posts/");
                if (posts >= 0 && root.isEmpty() && (posts == 0 || name.charAt(posts - 1) == '/')) {
                    root = name.substring(0, posts);
                }
                if (entry.isDirectory() || !isImage(name)) {
                    continue;
                }
                byte[] bytes = ZipImport.read(zip, maxImageBytes + 1);
                total += bytes.length;
                if (total > maxTotalBytes) {
                    throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "The zip inflates to more than " + maxTotalBytes
                            + " bytes of images");
                }
                results.add(store(name, bytes, byEntry));
            }
        } catch (ZipException e) {
            throw ProblemException.invalid("body", "is not a readable zip archive: " + e.getMessage());
        } catch (IOException e) {
            throw ProblemException.invalid("body", "could not be read: " + e.getMessage());
        }
        Map<String, String> links = new HashMap<>();
        for (Map.Entry<String, String> e : byEntry.entrySet()) {
            if (e.getKey().startsWith(root)) {
                links.put(e.getKey().substring(root.length()), e.getValue());
            }
        }
        return new Found(links, results);
    }

    private ImportResult store(String name, byte[] bytes, Map<String, String> byEntry) {
        if (bytes.length > maxImageBytes) {
            return ImportResult.failed(name, "file", "is larger than the limit of " + maxImageBytes + " bytes");
        }
        try {
            MediaLibrary.Uploaded u = library.store(ImportService.ACTOR, name.substring(name.lastIndexOf('/') + 1), bytes);
            byEntry.put(name, files.reference(u.media()));
            return new ImportResult(name, u.created() ? "created" : "unchanged", u.media().id, null, u.media().version, null, null);
        } catch (ProblemException e) {
            String field = e.errors().isEmpty() ? "file" : e.errors().get(0).field();
            return ImportResult.failed(name, field, e.getMessage());
        }
    }

    /** Image files by their extension (the bytes decide what they are); not hidden files or macOS forks. */
    static boolean isImage(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith(".") || path.startsWith("__MACOSX/") || path.contains("/__MACOSX/")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".gif")
                || lower.endsWith(".webp") || lower.endsWith(".svg");
    }
}
