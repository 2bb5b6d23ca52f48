package io.cms.render.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.renderer.HeaderIdGenerator;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;

/**
 * Markdown to safe HTML plus the data derived from the same parse: table of contents, excerpt,
 * reading time, counts and content warnings. Thread-safe; build one and share it.
 */
public final class MarkdownRenderer {

    private final Parser parser;
    private final Parser parserWithoutAutolinks;
    private final HtmlRenderer renderer;
    private final MutableDataSet options;
    private final Liquid liquid;
    private final HtmlSanitizer sanitizer;

    public MarkdownRenderer(Map<String, String> site, String postPath, Set<String> iframeHosts) {
        options = new MutableDataSet()
                .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), StrikethroughExtension.create(),
                        TaskListExtension.create(), AutolinkExtension.create(), FootnoteExtension.create()))
                .set(TablesExtension.COLUMN_SPANS, false)
                .set(TablesExtension.APPEND_MISSING_COLUMNS, true)
                .set(TablesExtension.DISCARD_EXTRA_COLUMNS, true)
                .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
                .set(HtmlRenderer.GENERATE_HEADER_ID, true)
                .set(HtmlRenderer.RENDER_HEADER_ID, true)
                .set(HtmlRenderer.HEADER_ID_GENERATOR_RESOLVE_DUPES, true)
                .set(HtmlRenderer.HEADER_ID_GENERATOR_NO_DUPED_DASHES, true)
                .set(HtmlRenderer.FENCED_CODE_LANGUAGE_CLASS_PREFIX, "language-")
                .set(HtmlRenderer.SOFT_BREAK, "\n")
                .toMutable();
        parser = Parser.builder(options).build();
        // The autolink pass scans every text node and is the costliest extension on CJK text; a
        // document with no "://", "www." or "@" cannot contain an autolink, so it skips the pass.
        parserWithoutAutolinks = Parser.builder(new MutableDataSet(options).set(Parser.EXTENSIONS,
                List.of(TablesExtension.create(), StrikethroughExtension.create(), TaskListExtension.create(),
                        FootnoteExtension.create()))).build();
        renderer = HtmlRenderer.builder(options).build();
        liquid = new Liquid(site, postPath);
        sanitizer = new HtmlSanitizer(iframeHosts);
    }

    /**
     * @param ownExcerpt the post's own excerpt; when blank one is made from the text
     */
    public RenderResult render(String markdown, String ownExcerpt) {
        Liquid.Result pre = liquid.process(markdown == null ? "" : markdown);
        String md = pre.markdown();
        Document document = (mayHoldAutolinks(md) ? parser : parserWithoutAutolinks).parse(md);
        String html = sanitizer.sanitize(renderer.render(document));

        List<TocEntry> toc = toc(document);
        List<DuplicateParagraphs.Paragraph> paragraphs = new ArrayList<>();
        StringBuilder firstParagraphs = new StringBuilder();
        for (Node node : document.getDescendants()) {
            if (node instanceof Paragraph p) {
                String text = PlainText.of(p);
                paragraphs.add(new DuplicateParagraphs.Paragraph(text, p.getStartLineNumber() + 1));
                if (firstParagraphs.length() < Excerpts.TARGET * 2) {
                    firstParagraphs.append(text).append(' ');
                }
            }
        }
        TextStats stats = TextStats.of(PlainText.of(document));
        List<ContentWarning> warnings = new ArrayList<>(pre.warnings());
        warnings.addAll(DuplicateParagraphs.find(paragraphs));
        String excerpt = ownExcerpt != null && !ownExcerpt.isBlank() ? ownExcerpt.strip() : Excerpts.of(firstParagraphs.toString());
        return new RenderResult(html, toc, excerpt, stats.readingTimeMinutes(), stats.words(), stats.cjkChars(),
                stats.chars(), warnings);
    }

    static boolean mayHoldAutolinks(String md) {
        return md.contains("://") || md.contains("www.") || md.indexOf('@') >= 0;
    }

    /** Heading ids from the same generator settings the HTML renderer uses, so TOC links resolve. */
    private List<TocEntry> toc(Document document) {
        HeaderIdGenerator ids = new HeaderIdGenerator.Factory().create();
        ids.generateIds(document);
        List<TocEntry> toc = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading h) {
                toc.add(new TocEntry(h.getLevel(), ids.getId(h), PlainText.of(h)));
            }
        }
        return toc;
    }
}
