package io.cms.post.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.cms.common.media.MediaReferences;
import io.cms.post.Post;
import io.cms.post.media.Media;
import io.cms.post.media.MediaStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The whole site as a Jekyll folder, zipped: every post in {@code _posts/} as {@link PostExporter}
 * writes it, and every library image a post shows in {@code assets/media/{sha256}.{ext}} (the bytes
 * as uploaded), the posts' references pointing there. Importing the zip gives the same posts and
 * the same images (found by their bytes), so import → export → import changes nothing. Streamed: a
 * batch of posts per transaction, never the whole site in memory.
 */
@ApplicationScoped
public class SiteExport {

    private static final int BATCH = 200;
    /** A library reference in a post's text (its hash is group 1). */
    private static final Pattern REFERENCE = Pattern.compile("[^\\s()\"'<>\\[\\]]*/media/" + MediaReferences.FILE);

    private final MediaStore store;

    SiteExport(MediaStore store) {
        this.store = store;
    }

    /**
     * @param since when set, only the posts changed at or after it (and the images they show): an
     *        increment to import over an earlier export; deletions are not in it
     */
    public void write(OutputStream out, OffsetDateTime since) throws IOException {
        Map<String, String> written = new HashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            UUID after = null;
            List<Post> batch;
            do {
                UUID from = after;
                batch = QuarkusTransaction.requiringNew().call(() -> batch(from, since));
                for (Post post : batch) {
                    String text = withAssets(PostExporter.toMarkdown(post), zip, written); // writes new images first
                    zip.putNextEntry(new ZipEntry("_posts/" + PostExporter.fileName(post)));
                    zip.write(text.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    after = post.id;
                }
            } while (batch.size() == BATCH);
        }
    }

    /** The next posts by id after {@code after} (from the first when null), changed at or after {@code since} when set. */
    private static List<Post> batch(UUID after, OffsetDateTime since) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (after != null) {
            where.append(" AND id > :after");
            params = params.and("after", after);
        }
        if (since != null) {
            where.append(" AND updatedAt >= :since");
            params = params.and("since", since);
        }
        return Post.<Post>find(where + " ORDER BY id", params).page(0, BATCH).list();
    }

    /** The text with its library references pointing into {@code assets/media/}, whose files are written once. */
    private String withAssets(String text, ZipOutputStream zip, Map<String, String> written) throws IOException {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String sha = m.group(1);
            String path = written.get(sha); // an image many posts show is looked up and written once
            if (path == null) {
                Media media = QuarkusTransaction.requiringNew().call(() -> Media.<Media>find("sha256", sha).firstResult());
                if (media == null) {
                    m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                    continue;
                }
                path = "assets/media/" + sha + "." + extension(media);
                zip.putNextEntry(new ZipEntry(path));
                zip.write(store.original(sha));
                zip.closeEntry();
                written.put(sha, path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("/" + path));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String extension(Media m) {
        return switch (m.kind()) {
            case JPEG -> "jpg";
            case PNG -> "png";
            case GIF -> "gif";
            case WEBP -> "webp";
        };
    }
}
