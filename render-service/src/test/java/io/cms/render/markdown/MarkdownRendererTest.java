package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    static final MarkdownRenderer RENDERER = new MarkdownRenderer(
            Map.of("baseurl", "/blog", "url", "https://example.org"), "/blog/posts/{slug}", Set.of("www.youtube.com"));

    private static String html(String md) {
        return RENDERER.render(md, null).html();
    }

    @Test
    void gfmFeatures() {
        String html = html("| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n\n"
                + "see https://example.org/x and a note[^1]\n\n[^1]: the note\n\n```java\nclass A {}\n```\n");
        assertTrue(html.contains("<table>"), html);
        assertTrue(html.contains("<del>gone</del>"), html);
        assertTrue(html.contains("type=\"checkbox\""), html);
        assertTrue(html.contains("<a href=\"https://example.org/x\">"), html);
        assertTrue(html.contains("class=\"footnote-ref\""), html);
        assertTrue(html.contains("<code class=\"language-java\">"), html);
    }

    @Test
    void libraryImagesGetTheirSrcsetAndSize() {
        String sha = "ab".repeat(32);
        String base = "https://cms.example.com/media/" + sha;
        String html = RENDERER.render("![A chart](" + base + "-801x601.png)\n\n![Other](https://elsewhere.example/x.png)\n\n"
                + "<img src=\"" + base + "-2400x1600.jpg\" width=\"100\">\n\n![Wide](" + base + "-2400x1600.jpg)\n", null).html();
        assertTrue(html.contains("<img src=\"" + base + "-801x601.png\" srcset=\"" + base + "-320.png 320w, " + base + "-640.png 640w, "
                + base + "-801.png 801w\" sizes=\"(max-width: 801px) 100vw, 801px\" width=\"801\" height=\"601\" loading=\"lazy\""
                + " decoding=\"async\" alt=\"A chart\""), html);
        assertTrue(html.contains("<img src=\"https://elsewhere.example/x.png\" alt=\"Other\""), "not the library's: as it was " + html);
        assertTrue(html.contains("width=\"100\"") && !html.contains("srcset=\"" + base + "-320.jpg 320w, " + base + "-640.jpg 640w, "
                + base + "-1024.jpg 1024w, " + base + "-1600.jpg 1600w, " + base + "-2400.jpg 2400w\" sizes=\"(max-width: 2400px) 100vw,"
                + " 2400px\" width=\"2400\" height=\"1600\" loading=\"lazy\" decoding=\"async\" width="), "sized by the writer: kept " + html);
        assertTrue(html.contains("srcset=\"" + base + "-320.jpg 320w, " + base + "-640.jpg 640w, " + base + "-1024.jpg 1024w, "
                + base + "-1600.jpg 1600w, " + base + "-2400.jpg 2400w\""), html);
        String animation = RENDERER.render("![Spinner](" + base + "-3000x200.gif)", null).html();
        assertTrue(animation.contains("srcset=\"" + base + "-3000.gif 3000w\" sizes=\"(max-width: 3000px) 100vw, 3000px\" width=\"3000\""),
                "an animation is served at its own width only: " + animation);
    }

    @Test
    void theCorrectedFlexmarkClassComesFirst() {
        assertTrue(io.cms.common.text.FlexmarkPatch.applied(), "flexmark's own SegmentBuilderBase is on the class path first");
    }

    @Test
    void footnotesAndTablesPastTheirCapsStayText() {
        String few = "Text[^1].\n\n[^1]: The note.\n";
        assertTrue(RENDERER.render(few, null).html().contains("footnote"), RENDERER.render(few, null).html());
        String many = "Text[^1].\n\n" + "[^x] ".repeat(MarkdownRenderer.MAX_FOOTNOTE_MARKERS) + "\n\n[^1]: The note.\n";
        String html = RENDERER.render(many, null).html();
        assertTrue(!html.contains("class=\"footnote") && html.contains("[^1]"), html.substring(0, 200));
        assertTrue(RENDERER.render("|a|b|\n|---|---|\n|1|2|\n", null).html().contains("<table"));
        String wide = "|a|b|\n|---|---|\n|1|2|\n\n" + "|".repeat(MarkdownRenderer.MAX_TABLE_PIPES);
        assertTrue(!RENDERER.render(wide, null).html().contains("<table"), "past the cap: no table pass");
    }

    @Test
    void imagesWithoutAltTextAreWarnedOfWithTheirLine() {
        RenderResult r = RENDERER.render("Intro.\n\n![](/media/a.png)\n\n![A chart of sales](/media/b.png)\n\n"
                + "![ ][ref]\n\n[ref]: /media/c.png\n", null);
        List<ContentWarning> missing = r.warnings().stream().filter(w -> w.type().equals("image-without-alt")).toList();
        assertEquals(List.of(3, 7), missing.stream().map(w -> w.positions().get(0).line()).toList(), missing.toString());
        assertTrue(RENDERER.render("![" + "x".repeat(3) + "](/a.png)", null).warnings().isEmpty());
    }

    @Test
    void japaneseHeadingsGetStableIdsThatTheTocUses() {
        RenderResult r = RENDERER.render("# 中国AIの現状\n\n本文\n\n## 投資の視点\n\n## 投資の視点\n", null);
        assertEquals(List.of("中国aiの現状", "投資の視点", "投資の視点-1"), r.toc().stream().map(TocEntry::id).toList());
        assertEquals(List.of(1, 2, 2), r.toc().stream().map(TocEntry::level).toList());
        for (TocEntry e : r.toc()) {
            assertTrue(r.html().contains("id=\"" + e.id() + "\""), r.html());
        }
    }

    @Test
    void liquidLeftoversBecomeMarkdown() {
        RenderResult r = RENDERER.render("{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n\n"
                + "Base {{ site.baseurl }}, repo {{ site.repository }}.\n\n{% raw %}{{ keep }}{% endraw %}\n\n"
                + "[old]({% post_url 2010-07-21-Old-News %}) {% include note.html %}\n", null);
        assertTrue(r.html().contains("<code class=\"language-ruby\">puts 1"), r.html());
        assertTrue(r.html().contains("Base /blog, repo ."), r.html());
        // The sanitizer splits "{{" with an empty comment against client-side template injection.
        assertTrue(r.html().replace("<!-- -->", "").contains("{{ keep }}"), r.html());
        assertTrue(r.html().contains("href=\"/blog/posts/old-news\""), r.html());
        assertFalse(r.html().contains("{%"), r.html());
        assertEquals(Set.of("liquid-unresolved", "liquid-unsupported"),
                Set.copyOf(r.warnings().stream().map(ContentWarning::type).toList()));
    }

    @Test
    void readingTimeCountsJapaneseByCharacters() {
        String japanese = "あ".repeat(1000);
        assertEquals(2, RENDERER.render(japanese, null).readingTimeMinutes());
        String english = "word ".repeat(460);
        assertEquals(2, RENDERER.render(english, null).readingTimeMinutes());
        assertEquals(1, RENDERER.render("", null).readingTimeMinutes());
        assertEquals(460, RENDERER.render(english, null).wordCount());
    }

    @Test
    void excerptStopsAtASentenceEnd() {
        String s = "これは最初の文です。".repeat(20);
        String excerpt = RENDERER.render(s, null).excerpt();
        assertTrue(excerpt.endsWith("。") && excerpt.length() <= 170 && excerpt.length() >= 150, excerpt);
        assertEquals("Own excerpt", RENDERER.render(s, " Own excerpt ").excerpt());
    }

    @Test
    void repeatedParagraphsAreReportedOncePerRepeat() {
        String a = "同じ段落がここに繰り返し現れます。これは執筆パイプラインの不具合によるもので、記事の中で何度も同じ主張が続いてしまう原因になっています。";
        String b = "全く別の内容の段落です。ここには重複はありませんが、比較に足るだけの長さがあります。";
        String aChanged = a.replace("不具合", "問題");
        String md = a + "\n\n" + b + "\n\n" + a + "\n\n" + aChanged + "\n\n" + "前置き。" + b + "そして続き。\n";
        List<ContentWarning> w = RENDERER.render(md, null).warnings();
        assertEquals(List.of("duplicate-paragraph", "near-duplicate-paragraph", "near-duplicate-paragraph"),
                w.stream().map(ContentWarning::type).toList());
        assertEquals(List.of(0, 2), w.get(0).positions().stream().map(ContentWarning.Position::paragraph).toList());
        assertEquals(List.of(1, 5), w.get(0).positions().stream().map(ContentWarning.Position::line).toList());
        assertEquals(3, w.get(1).positions().get(1).paragraph());
        assertEquals(List.of(1, 4), w.get(2).positions().stream().map(ContentWarning.Position::paragraph).toList());
    }
}
