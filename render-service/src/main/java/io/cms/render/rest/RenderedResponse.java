package io.cms.render.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cms.render.RenderedPost;
import io.cms.render.markdown.ContentWarning;
import io.cms.render.markdown.RenderResult;
import io.cms.render.markdown.TocEntry;

/** A rendered post as the API returns it (previews leave id, slug, version and renderedAt empty). */
public record RenderedResponse(UUID id, String slug, Long version, String title, String html, List<TocEntry> toc,
        String excerpt, int readingTimeMinutes, int wordCount, int cjkCharCount, int charCount,
        List<ContentWarning> warnings, OffsetDateTime renderedAt) {

    static RenderedResponse of(RenderedPost p) {
        return new RenderedResponse(p.id, p.slug, p.version, p.title, p.html, p.toc, p.excerpt, p.readingTimeMinutes,
                p.wordCount, p.cjkCharCount, p.charCount, p.warnings, p.renderedAt);
    }

    static RenderedResponse preview(String title, RenderResult r) {
        return new RenderedResponse(null, null, null, title, r.html(), r.toc(), r.excerpt(), r.readingTimeMinutes(),
                r.wordCount(), r.cjkCharCount(), r.charCount(), r.warnings(), null);
    }
}
