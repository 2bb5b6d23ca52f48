package io.cms.render.markdown;

/** A heading of the rendered page: its level (1–6), its anchor id and its text. */
public record TocEntry(int level, String id, String text) {
}
