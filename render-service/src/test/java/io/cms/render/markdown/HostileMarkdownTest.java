package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile Markdown at the API's size limit (1 000 000 characters): every shape renders within the
 * render budget, or is stopped by an interrupt at the budget, the way render-service's Renderer runs
 * long posts: the answer comes at the budget, and the thread stops (most at once, see
 * {@link #STOP_MILLIS}). Prints what each took.
 */
class HostileMarkdownTest {

    private static final int SIZE = 1_000_000;
    private static final long BUDGET_MILLIS = 2_000;
    /** The answer may come this much after the budget on two busy cores (a young collection, the timer). */
    private static final long ANSWER_SLACK_MILLIS = 500;
    /**
     * How soon after the interrupt the thread must be free again. Most shapes stop within
     * milliseconds (at the next characters read); footnotes and indented code by the hundred thousand
     * spend seconds in flexmark's segment building, which reads none, and stop after it.
     */
    private static final long STOP_MILLIS = 60_000;
    private static final ExecutorService POOL = Executors.newSingleThreadExecutor();

    @AfterAll
    static void close() {
        POOL.shutdownNow();
    }

    static Map<String, String> cases() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("nested brackets", fill("[", SIZE / 2) + "a" + fill("]", SIZE / 2));
        c.put("open emphasis", fill("*a ", SIZE));
        c.put("intraword strong", fill("a**b ", SIZE));
        c.put("nested emphasis", fill("*", SIZE / 2) + "a" + fill("*", SIZE / 2));
        c.put("unclosed links", fill("[a](", SIZE));
        c.put("unclosed brackets", fill("[", SIZE));
        c.put("link references", fill("[a]: /u\n", SIZE / 2) + fill("[a] ", SIZE / 2));
        c.put("backticks", fill("`a", SIZE / 2) + fill("``b", SIZE / 2));
        c.put("nested block quotes", fill(">", SIZE) + " a");
        c.put("quotes and lists", fill("> - ", SIZE) + "a");
        c.put("nested lists", IntStream.range(0, 2_000).mapToObj(i -> " ".repeat(i % 400) + "- a").collect(Collectors.joining("\n")));
        c.put("unclosed tags", fill("<a", SIZE));
        c.put("unclosed comments", fill("<!--", SIZE));
        c.put("autolink prefixes", fill("www.a", SIZE));
        c.put("angle autolinks", fill("<http://a.b/", SIZE));
        c.put("emails", fill("a@b.c ", SIZE));
        c.put("Liquid tags", fill("{% highlight a %}", SIZE));
        c.put("Liquid variables", fill("{{ site.", SIZE));
        c.put("Liquid everywhere", fill("{{ x }} {% y %} ", SIZE));
        c.put("footnotes", fill("[^a]", SIZE / 2) + "\n\n" + fill("[^a]: b\n", SIZE / 2));
        c.put("table rows", "|a|\n|-|\n" + fill("|b|\n", SIZE));
        c.put("wide table", fill("|a", SIZE / 3) + "\n" + fill("|-", SIZE / 3) + "\n" + fill("|b", SIZE / 3));
        c.put("images", fill("![", SIZE / 2) + fill("](a)", SIZE / 2));
        c.put("repeated paragraphs", fill("これは繰り返し段落のテストです。\n\n", SIZE));
        c.put("headings", fill("# a\n", SIZE));
        c.put("setext headings", fill("a\n=\n", SIZE));
        c.put("one huge heading", "# " + fill("見出し", SIZE - 2));
        c.put("unclosed fences", fill("```\na\n", SIZE));
        c.put("indented code", fill("    a\n", SIZE));
        c.put("hard breaks", fill("a  \n", SIZE));
        c.put("entities", fill("&amp;&#x1F600;&bogus;", SIZE));
        c.put("escapes", fill("\\*\\[\\", SIZE));
        c.put("strikethrough", fill("~~a", SIZE));
        c.put("task lists", fill("- [ ] a\n", SIZE));
        c.put("one long line", fill("a", SIZE));
        c.put("CJK prose", fill("半導体の輸出規制について、作者が考えを述べる。", SIZE));
        c.put("combining marks", fill("e\u0301\u0302\u0303", SIZE));
        return c;
    }

    @Test
    void everyShapeRendersOrIsStoppedWithinTheBudget() throws Exception {
        MarkdownRenderer renderer = new MarkdownRenderer(Map.of(), "/posts/{slug}", Set.of());
        Map<String, String> cases = cases();
        assertTrue(cases.size() >= 30, cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            long start = System.nanoTime();
            Future<?> render = POOL.submit(() -> renderer.render(c.getValue(), null, true));
            String outcome;
            try {
                render.get(BUDGET_MILLIS, TimeUnit.MILLISECONDS);
                outcome = "rendered";
            } catch (TimeoutException e) {
                render.cancel(true);
                outcome = "stopped";
            } catch (java.util.concurrent.ExecutionException e) {
                outcome = "failed (" + e.getCause().getClass().getSimpleName() + ")";
            }
            long answered = (System.nanoTime() - start) / 1_000_000;
            boolean freed = waitFree(STOP_MILLIS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("Hostile Markdown %-22s %8d chars: %-28s answered %5d ms, thread free at %5d ms%n",
                    c.getKey(), c.getValue().length(), outcome, answered, millis);
            if (!freed || answered > BUDGET_MILLIS + ANSWER_SLACK_MILLIS) {
                failures.add(c.getKey() + ": " + outcome + " answered after " + answered + " ms, thread freed " + freed);
            }
        }
        assertEquals(List.of(), failures);
    }

    private static boolean waitFree(long millis) throws InterruptedException {
        try {
            POOL.submit(() -> { }).get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fill(String unit, int chars) {
        return unit.repeat(Math.max(1, chars / unit.length()));
    }
}
