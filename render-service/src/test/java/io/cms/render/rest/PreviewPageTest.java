package io.cms.render.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cms.render.markdown.RenderResult;
import io.cms.render.service.LinkedPreviews;
import org.junit.jupiter.api.Test;

class PreviewPageTest {

    private static LinkedPreviews.Preview preview(String title) {
        return new LinkedPreviews.Preview(UUID.randomUUID(), "a-slug", 3, "draft", title,
                OffsetDateTime.parse("2026-12-14T10:00:00Z"), new RenderResult("<p>Body</p>", List.of(), null, 1, 1, 0, 4, List.of()));
    }

    @Test
    void thePageIsMarkedNoindexAndSaysItIsAPreview() {
        String page = PreviewPage.of(preview("半導体の輸出"));
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), page);
        assertTrue(page.contains("<meta name=\"referrer\" content=\"no-referrer\">"), page);
        assertTrue(page.contains("<title>Preview: 半導体の輸出</title>"), page);
        assertTrue(page.contains("Preview of a draft post, version 3"), page);
        assertTrue(page.contains("2026-12-14T10:00Z") || page.contains("2026-12-14T10:00:00Z"), page);
        assertTrue(page.contains("<p>Body</p>"), page);
    }

    @Test
    void theTitleIsTextNotMarkup() {
        String page = PreviewPage.of(preview("</title><script>alert(1)</script>\"&"));
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;"), page);
    }
}
