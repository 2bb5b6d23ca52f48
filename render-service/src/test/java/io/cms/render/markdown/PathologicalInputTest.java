package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        Map<String, String> cases = HostileMarkdownTest.cases(SIZE);
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

    private static String fill(String unit, int chars) {
        return HostileMarkdownTest.fill(unit, chars);
    }
}
