package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The worst inputs found for flexmark and our own stages (in the spirit of cmark's pathological
 * tests), at the size render-service renders on the event's own thread ({@code cms.render.inline-max-chars},
 * 8 000): each must finish, or fail cleanly, in bounded time, or one post could stall the stream.
 * Measured: at most ~250 ms on a cold JVM; at four times the size some take 3 s, which is why larger
 * posts go to a render thread with a time limit.
 */
class PathologicalInputTest {

    private static final int SIZE = 8000;
    private static final long BOUND_MILLIS = 3000;

    @Test
    void theWorstInputsOfTheInlineSizeRenderInBoundedTime() {
        MarkdownRenderer renderer = new MarkdownRenderer(Map.of(), "/posts/{slug}", Set.of());
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("nested brackets", fill("[", SIZE / 2) + "a" + fill("]", SIZE / 2));
        cases.put("open emphasis", fill("*a ", SIZE));
        cases.put("intraword strong", fill("a**b ", SIZE));
        cases.put("nested emphasis", fill("*", SIZE / 2) + "a" + fill("*", SIZE / 2));
        cases.put("unclosed links", fill("[a](", SIZE));
        cases.put("link references", fill("[a]: /u\n", SIZE / 2) + fill("[a] ", SIZE / 2));
        cases.put("backticks", fill("`a", SIZE / 2) + fill("``b", SIZE / 2));
        cases.put("nested block quotes", fill(">", SIZE) + " a");
        cases.put("nested lists", IntStream.range(0, 60).mapToObj(i -> " ".repeat(i * 2) + "- a")
                .collect(Collectors.joining("\n")));
        cases.put("unclosed tags", fill("<a", SIZE));
        cases.put("autolink prefixes", fill("www.a", SIZE));
        cases.put("Liquid tags", fill("{% highlight a %}", SIZE));
        cases.put("Liquid variables", fill("{{ site.", SIZE));
        cases.put("footnotes", fill("[^a]", SIZE / 2) + "\n\n" + fill("[^a]: b\n", SIZE / 2));
        cases.put("table rows", "|a|\n|-|\n" + fill("|b|\n", SIZE));
        cases.put("images", fill("![", SIZE / 2) + fill("](a)", SIZE / 2));
        cases.put("repeated paragraphs", fill("これは繰り返し段落のテストです。\n\n", SIZE));
        cases.put("headings", fill("# a\n", SIZE));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            long start = System.nanoTime();
            try {
                renderer.render(c.getValue(), null);
            } catch (RuntimeException | StackOverflowError e) {
                // failing cleanly is fine: the event is dead-lettered
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < BOUND_MILLIS, c.getKey() + " (" + c.getValue().length() + " chars) took " + millis + " ms");
        }
    }

    @Test
    void unclosedLiquidIsHandledInLinearTime() {
        Liquid liquid = new Liquid(Map.of("baseurl", "/blog"), "/posts/{slug}");
        int size = 400_000; // fifty times the inline size: these used to take seconds at 32 000
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("unclosed outputs", fill("{{ site.", size));
        cases.put("unclosed tags", fill("{% post_url ", size));
        cases.put("highlights never ended", fill("{% highlight ruby %}\nx\n", size));
        cases.put("raw never ended", fill("{% raw %}a", size));
        cases.put("closed at the very end", fill("{{ site.", size) + " }}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            long start = System.nanoTime();
            liquid.process(c.getValue());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < BOUND_MILLIS, c.getKey() + " (" + c.getValue().length() + " chars) took " + millis + " ms");
        }
        // A warning per fragment up to the cap, then one that counts the rest.
        var warnings = liquid.process(fill("{{ x }} ", size)).warnings();
        assertEquals(Liquid.MAX_WARNINGS + 1, warnings.size());
        assertEquals("liquid-more", warnings.get(Liquid.MAX_WARNINGS).type());
        // Still Liquid where it is closed: the bound changes no result.
        assertEquals("a /blog b {{ site.", liquid.process("a {{ site.baseurl }} b {{ site.").markdown());
    }

    /** {@code unit} repeated up to {@code chars} characters. */
    private static String fill(String unit, int chars) {
        return unit.repeat(Math.max(1, chars / unit.length()));
    }
}
