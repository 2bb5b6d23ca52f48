package io.cms.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cms.common.text.FlexmarkPatch;
import org.junit.jupiter.api.Test;

class TextExtractorTest {

    @Test
    void proseAndCodeApartWithoutSyntaxOrLiquid() {
        TextExtractor.Extracted e = TextExtractor.extract("# 見出し\n\n*強調*と{{ site.url }}の文。\n\n```java\nint a = 1;\n```\n\n> 引用 `x`\n");
        assertTrue(e.text().contains("見出し") && e.text().contains("強調") && e.text().contains("引用"), e.text());
        assertTrue(!e.text().contains("site.url") && !e.text().contains("*") && !e.text().contains("#"), e.text());
        assertTrue(e.code().contains("int a = 1;") && !e.text().contains("int a"), e.code());
    }

    /**
     * 300 000 characters of paragraph lines that start with a space, or are quoted: with flexmark's own
     * SegmentBuilderBase they parsed for tens of seconds and held the indexer (a 1 MB post: many
     * minutes); with cms-common's corrected one, well under a second.
     */
    @Test
    void longIndentedAndQuotedParagraphsAreReadWithTheCorrectedFlexmarkClass() {
        assertTrue(FlexmarkPatch.applied(), "flexmark's own SegmentBuilderBase is on the class path first");
        for (String line : new String[] {" a\n", "> b\n", "- x\n  c\n"}) {
            int lines = 300_000 / line.length();
            String text = TextExtractor.extract(line.repeat(lines)).text();
            char last = line.charAt(line.length() - 2);
            assertEquals(lines, text.chars().filter(ch -> ch == last).count(), line);
        }
    }
}
