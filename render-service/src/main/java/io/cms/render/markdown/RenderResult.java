package io.cms.render.markdown;

import java.util.List;

/** Safe HTML and what is derived from the same parse. */
public record RenderResult(String html, List<TocEntry> toc, String excerpt, int readingTimeMinutes, int wordCount,
        int cjkCharCount, int charCount, List<ContentWarning> warnings) {
}
