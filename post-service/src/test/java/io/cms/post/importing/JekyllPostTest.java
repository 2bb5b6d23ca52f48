package io.cms.post.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.cms.common.rest.ProblemException;
import io.cms.post.service.PostInput;
import org.junit.jupiter.api.Test;

class JekyllPostTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static PostInput read(String file) throws IOException {
        try (InputStream in = JekyllPostTest.class.getResourceAsStream("/posts/" + file)) {
            return JekyllPost.toInput(file, new String(in.readAllBytes(), StandardCharsets.UTF_8), ZoneOffset.UTC, NOW);
        }
    }

    @Test
    void jekyllFrontMatterFillsFieldsAndKeepsTheRest() throws IOException {
        PostInput p = read("2024-03-01-jekyll-style.markdown");
        assertEquals("Jekyll 4.3 Released", p.title());
        assertEquals("jekyll-style", p.slug());
        assertEquals(OffsetDateTime.parse("2024-03-01T10:12:00-05:00").toInstant(), p.publishedAt().toInstant());
        assertEquals(List.of("release"), p.categories());
        assertEquals("parkr", p.author());
        assertEquals("post", p.layout());
        assertEquals("published", p.status());
        assertEquals("4.3.0", p.frontMatter().get("version"));
        assertEquals(List.of(Map.of("name", "where", "docs", List.of("filters", "where"))),
                p.frontMatter().get("filters_linked_to"));
        assertTrue(p.markdown().startsWith("\nJekyll 4.3 is out. {{ site.baseurl }}"));
    }

    @Test
    void crlfAndBlankLinesInsideFrontMatter() throws IOException {
        PostInput p = read("2024-01-02-vim-crlf.md");
        assertEquals("Vim 9.1 リリース", p.title());
        assertEquals(List.of("blog"), p.categories());
        assertEquals(OffsetDateTime.parse("2024-01-02T00:00:00Z"), p.publishedAt());
        assertEquals(List.of("/blog/old/"), p.frontMatter().get("redirect_from"));
        assertEquals("\nVim 9.1 がリリースされました。\n", p.markdown());
    }

    @Test
    void pandocCloserWrittenDatesAndCommaTags() throws IOException {
        PostInput p = read("haskell-style.md");
        assertEquals("haskell-style", p.slug());
        assertEquals(OffsetDateTime.parse("2019-12-30T00:00:00Z"), p.publishedAt());
        assertEquals(List.of("Haskell", "型クラス", "Monad"), p.tags());
        assertEquals("<a href=\"https://example.org\">example</a>", p.frontMatter().get("postedBy"));
        assertEquals("\n本文です。型クラスについて。\n", p.markdown());
    }

    @Test
    void unpublishedBlockListTagsAndAlignedValues() throws IOException {
        PostInput p = read("2015-06-15-hux-style.markdown");
        assertEquals("draft", p.status());
        assertEquals(List.of("前端开发", "PWA"), p.tags());
        assertEquals(true, p.frontMatter().get("catalog"));
        assertEquals("Alitrip PWA Strategy", p.frontMatter().get("subtitle"));
    }

    @Test
    void malformedButRecognisableDate() throws IOException {
        PostInput p = read("2023-01-29-odd-date.markdown");
        assertEquals(OffsetDateTime.parse("2023-01-29T18:30:22-08:00").toInstant(), p.publishedAt().toInstant());
    }

    @Test
    void futureDateIsScheduledAndFileNameWithoutDateIsTheSlug() {
        PostInput p = JekyllPost.toInput("My Notes.md", "---\ntitle: Later\ndate: 2030-01-01\n---\nx", ZoneOffset.UTC, NOW);
        assertEquals("scheduled", p.status());
        assertEquals("my-notes", p.slug());
        PostInput undated = JekyllPost.toInput("2019-1-7-vim_calendar.md", "x", ZoneOffset.UTC, NOW);
        assertEquals("vim_calendar", undated.slug());
        assertEquals(OffsetDateTime.parse("2019-01-07T00:00:00Z"), undated.publishedAt());
        PostInput untitled = JekyllPost.toInput("2020-05-05-from-name.md", "no front matter", ZoneOffset.UTC, NOW);
        assertEquals("from name", untitled.title());
        assertNull(untitled.layout());
    }

    @Test
    void brokenFrontMatterNamesTheFault() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> JekyllPost.toInput("x.md", "---\ntitle: \"open\ntags: [a\n---\n", ZoneOffset.UTC, NOW));
        assertEquals("frontMatter", e.errors().get(0).field());
        ProblemException unclosed = assertThrows(ProblemException.class,
                () -> JekyllPost.toInput("x.md", "---\ntitle: a\nbody", ZoneOffset.UTC, NOW));
        assertTrue(unclosed.getMessage().contains("never closed"));
        ProblemException badDate = assertThrows(ProblemException.class,
                () -> JekyllPost.toInput("x.md", "---\ntitle: a\ndate: someday\n---\n", ZoneOffset.UTC, NOW));
        assertEquals("frontMatter.date", badDate.errors().get(0).field());
    }

    @Test
    void writtenFrontMatterReadsBackTheSame() {
        Map<String, Object> fm = new java.util.LinkedHashMap<>();
        fm.put("title", "123");
        fm.put("date", "2024-01-01T00:00:00.123456Z");
        fm.put("nested", Map.of("a", List.of(1, 2.5, true)));
        fm.put("empty", "");
        String body = "\n# Body\n\n--- not front matter\n";
        FrontMatter.Parsed back = FrontMatter.parse(FrontMatter.write(fm, body));
        assertEquals(fm, back.values());
        assertEquals(body, back.body());
    }

    @Test
    void aSelfReferencingAliasIsInvalidFrontMatterNotAStackOverflow() {
        FrontMatter.InvalidFrontMatter e = assertThrows(FrontMatter.InvalidFrontMatter.class,
                () -> FrontMatter.parse("---\ntitle: x\na: &a [*a]\n---\nbody"));
        assertTrue(e.getMessage().contains("refers to itself"), e.getMessage());
    }
}
