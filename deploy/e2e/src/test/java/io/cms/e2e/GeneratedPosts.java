package io.cms.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.cms.local.JekyllImport;

/**
 * The benches' generated corpus: Jekyll posts of 1.5–3 KB made of the paragraphs of the sample
 * corpus (../shared/samples/corpus), or of the test fixtures without it; tagged {@code t0}–{@code t19};
 * the same posts on every run (a fixed seed).
 */
final class GeneratedPosts {

    /** Posts per zip: the import endpoint's bounds hold with room to spare. */
    static final int PER_ZIP = 5_000;

    private final List<String> paragraphs = new ArrayList<>();
    private final Random random = new Random(42);

    GeneratedPosts() throws IOException {
        Path corpus = Path.of("..", "..", "..", "shared", "samples", "corpus").toAbsolutePath().normalize();
        Path source = Files.isDirectory(corpus) ? corpus : Path.of("src", "test", "resources", "jekyll", "_posts").toAbsolutePath();
        for (Path f : JekyllImport.markdownFiles(source)) {
            String text = Files.readString(f);
            int body = text.indexOf("\n---", 3);
            for (String para : text.substring(body < 0 ? 0 : body + 4).split("\n\\s*\n")) {
                if (para.strip().length() > 60 && !para.contains("{%")) {
                    paragraphs.add(para.strip());
                }
            }
        }
    }

    /** Posts {@code from} (inclusive) to {@code to} (exclusive) as a zip of a {@code _posts} folder. */
    byte[] zip(int from, int to) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int i = from; i < to; i++) {
                StringBuilder md = new StringBuilder("---\ntitle: \"Generated " + i + "\"\ntags: [t" + (i % 20) + "]\n---\n\n");
                while (md.length() < 1_500) {
                    md.append(paragraphs.get(random.nextInt(paragraphs.size()))).append("\n\n");
                }
                out.putNextEntry(new ZipEntry(String.format("_posts/2024-01-01-generated-%06d.md", i)));
                out.write(md.toString().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip.toByteArray();
    }
}
