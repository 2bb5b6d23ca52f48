package io.cms.post.importing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        String[] root = {null};
        long[] total = {0};
        ZipWalk.each(zipFile, maxEntries, (entry, zip) -> {
            String name = entry.getName().replace('\\', '/');
            int posts = name.indexOf("_posts/");
            if (posts >= 0 && root[0] == null && (posts == 0 || name.charAt(posts - 1) == '/')) {
                root[0] = name.substring(0, posts);
            }
            if (entry.isDirectory() || !isImage(name)) {
                return;
            }
            byte[] bytes = ZipImport.read(zip, maxImageBytes + 1);
            total[0] += bytes.length;
            if (total[0] > maxTotalBytes) {
                throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "The zip inflates to more than " + maxTotalBytes
                        + " bytes of images");
            }
            results.add(store(name, bytes, byEntry));
        });
        String base = root[0] == null ? "" : root[0];
        Map<String, String> links = new HashMap<>();
        for (Map.Entry<String, String> e : byEntry.entrySet()) {
            if (e.getKey().startsWith(base)) {
                links.put(e.getKey().substring(base.length()), e.getValue());
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
