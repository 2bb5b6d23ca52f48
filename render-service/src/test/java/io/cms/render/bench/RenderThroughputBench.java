package io.cms.render.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import io.cms.render.markdown.MarkdownRenderer;
import org.junit.jupiter.api.Test;

/**
 * Renders per second of the sample post: our whole pipeline (Liquid, GFM extensions, sanitizer,
 * TOC, excerpt, counts, duplicate detection) against plain flexmark (core parser and HTML renderer,
 * default options) on the same input, in the same JVM, alternating rounds so both see the same
 * machine state. Run with {@code render-service/bench/render-throughput}; not part of the suite.
 */
class RenderThroughputBench {

    @Test
    void throughput() throws Exception {
        Path sample = Path.of("..", "..", "shared", "samples", "posts", "2025-10-07-china-ai-5300.md");
        String text = Files.exists(sample) ? Files.readString(sample)
                : new String(RenderThroughputBench.class.getResourceAsStream("/bench-post.md").readAllBytes());
        String body = text.substring(text.indexOf("---", 3) + 4);

        MutableDataSet plainOptions = new MutableDataSet();
        Parser plainParser = Parser.builder(plainOptions).build();
        HtmlRenderer plainRenderer = HtmlRenderer.builder(plainOptions).build();
        MarkdownRenderer ours = new MarkdownRenderer(Map.of(), "/posts/{slug}", Set.of("www.youtube.com"));
        Runnable plain = () -> plainRenderer.render(plainParser.parse(body));
        Runnable pipeline = () -> ours.render(body, null);

        long seconds = Long.getLong("bench.seconds", 5);
        measure(plain, 3);
        measure(pipeline, 3);
        double plainBest = 0;
        double oursBest = 0;
        for (int round = 0; round < 3; round++) {
            plainBest = Math.max(plainBest, measure(plain, seconds));
            oursBest = Math.max(oursBest, measure(pipeline, seconds));
        }
        String result = String.format("%nRender throughput, %d-character sample post, best of 3 rounds of %d s:%n"
                + "  plain flexmark %.0f/s | our pipeline %.0f/s | ratio %.0f%%%n", body.length(), seconds,
                plainBest, oursBest, 100 * oursBest / plainBest);
        System.out.println(result);
        Path out = Path.of("target", "bench", "render-throughput.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.format("{\"chars\": %d, \"plainPerSecond\": %.1f, \"oursPerSecond\": %.1f, \"ratio\": %.3f}%n",
                body.length(), plainBest, oursBest, oursBest / plainBest));
    }

    private static double measure(Runnable work, long seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() < end) {
            work.run();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
