package io.cms.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Markdown posts read from a folder: file name, front-matter title and the body after it. */
public final class SamplePosts {

    /** The shared sample posts and corpus; absent on a bare clone. */
    public static final Path SHARED = Path.of("..", "..", "shared", "samples").toAbsolutePath().normalize();

    private static final Pattern TITLE = Pattern.compile("(?m)^title:\\s*[\"']?(.*?)[\"']?\\s*$");

    public record Post(String file, String title, String body) {
    }

    private SamplePosts() {
    }

    /** Every {@code .md}/{@code .markdown} post under the folders that exist (SOURCES.md is not a post). */
    public static List<Post> read(Path... folders) throws IOException {
        return Stream.of(folders).filter(Files::isDirectory).flatMap(SamplePosts::walk)
                .filter(p -> p.toString().matches(".*\\.(md|markdown)$"))
                .filter(p -> !p.getFileName().toString().equals("SOURCES.md"))
                .sorted().map(SamplePosts::post).toList();
    }

    private static Stream<Path> walk(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Post post(Path f) {
        String text;
        try {
            text = Files.readString(f).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = text.startsWith("---") ? text.indexOf("\n---", 3) : -1;
        int close = end < 0 ? text.indexOf("\n...", 3) : end;
        String front = close < 0 ? "" : text.substring(0, close);
        String body = close < 0 ? text : text.substring(text.indexOf('\n', close + 1) + 1);
        Matcher m = TITLE.matcher(front);
        String name = f.getFileName().toString();
        return new Post(name, m.find() ? m.group(1).strip() : name, body);
    }
}
