package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The post this CMS was first made for: it repeats whole paragraphs, and every repeat must be reported. */
class SamplePostTest {

    private static final Path SAMPLE = Path.of("..", "..", "shared", "samples", "posts", "2025-10-07-china-ai-5300.md");

    @Test
    void everyRepeatedParagraphOfTheSamplePostIsReported() throws IOException {
        assumeTrue(Files.exists(SAMPLE), "shared samples not present");
        String text = Files.readString(SAMPLE);
        String body = text.substring(text.indexOf("---", 3) + 4);
        RenderResult r = MarkdownRendererTest.RENDERER.render(body, null);
        // Independent oracle for the exact repeats: split on blank lines, count equal paragraphs.
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> exactRepeats = new ArrayList<>();
        String[] paragraphs = body.strip().split("\\n\\s*\\n");
        for (int i = 0; i < paragraphs.length; i++) {
            if (seen.putIfAbsent(paragraphs[i].strip(), i) != null) {
                exactRepeats.add(i);
            }
        }
        assertEquals(exactRepeats, repeats(r, "duplicate-paragraph"));
        // Found by reading the post: a paragraph rewritten slightly (13 -> 14), paragraphs later merged
        // into longer ones (36 -> 40 and others), and the merged ones repeated again.
        assertEquals(List.of(14, 38, 39, 40, 41, 46, 49), repeats(r, "near-duplicate-paragraph"));
        int minutes = r.readingTimeMinutes();
        org.junit.jupiter.api.Assertions.assertTrue(minutes >= 33 && minutes <= 38,
                "about 17 500 CJK characters at 500 a minute and some English words: " + minutes);
    }

    private static List<Integer> repeats(RenderResult r, String type) {
        return r.warnings().stream().filter(w -> w.type().equals(type))
                .map(w -> w.positions().get(1).paragraph()).sorted().toList();
    }
}
