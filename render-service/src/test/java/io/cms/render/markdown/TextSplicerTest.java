package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.vladsch.flexmark.util.ast.Document;
import org.commonmark.testutil.example.Example;
import org.commonmark.testutil.example.ExampleReader;
import org.junit.jupiter.api.Test;

/** Splicing text around flexmark's writer must give exactly the HTML the writer gives on its own. */
class TextSplicerTest {

    private static final MarkdownRenderer RENDERER = new MarkdownRenderer(Map.of(), "/posts/{slug}", Set.of());

    @Test
    void sameHtmlForEverySpecExampleAndEveryPost() throws IOException {
        List<String> inputs = new ArrayList<>();
        for (Example e : ExampleReader.readExamples(TextSplicerTest.class.getResource("/spec.txt"))) {
            inputs.add(e.getSource());
        }
        inputs.add(new String(TextSplicerTest.class.getResourceAsStream("/bench-post.md").readAllBytes()));
        inputs.add("line one\n　全角スペースで始まる行\n\ttab\\\n   after a hard break & <tags> \"quoted\"\n\n"
                + "| a | b |\n|---|---|\n| *x* | ~~y~~ |\n\n- [ ] task\n- [x] done[^1]\n\n[^1]: note with `code`\n");
        Path corpus = Path.of("..", "..", "shared", "samples", "corpus");
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> files = Files.walk(corpus)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                    inputs.add(Files.readString(f));
                }
            }
        }
        int compared = 0;
        for (String input : inputs) {
            if (!TextSplicer.canSplice(input)) {
                continue;
            }
            Document plain = RENDERER.parse(input);
            Document spliced = RENDERER.parse(input);
            assertEquals(RENDERER.write(plain, false), RENDERER.write(spliced, true), input);
            compared++;
        }
        assertTrue(compared > 600, "compared " + compared);
    }

    @Test
    void markdownHoldingAMarkerCharacterIsRenderedTheOrdinaryWay() {
        String html = RENDERER.render("private use \uE000 and \uE001 characters stay", null).html();
        assertTrue(html.contains("private use \uE000 and \uE001 characters stay"), html);
    }
}
