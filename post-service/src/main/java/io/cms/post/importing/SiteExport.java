package io.cms.post.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

    public void write(OutputStream out) throws IOException {
        Map<String, String> written = new HashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            UUID after = null;
            List<Post> batch;
            do {
                UUID from = after;
                batch = QuarkusTransaction.requiringNew().call(() -> from == null
                        ? Post.<Post>find("ORDER BY id").page(0, BATCH).list()
                        : Post.<Post>find("id > ?1 ORDER BY id", from).page(0, BATCH).list());
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
