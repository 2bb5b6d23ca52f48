package io.cms.render.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
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
import com.vladsch.flexmark.util.misc.Extension;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * Markdown to safe HTML plus the data derived from the same parse: table of contents, excerpt,
 * reading time, counts and content warnings. Thread-safe; build one and share it.
 */
public final class MarkdownRenderer {

    /**
     * Past these many footnote markers ({@code [^}) or table pipes, flexmark's footnote and table passes
     * take minutes on a hostile text (half a million footnotes, a quarter of a million rows), in work
     * that reads no character, so the render budget cannot stop it and the thread stays taken. Such a
     * text is rendered without footnotes or tables: its markers stay as written. Real posts use far fewer.
     */
    static final int MAX_FOOTNOTE_MARKERS = 5_000;
    static final int MAX_TABLE_PIPES = 100_000;

    /** One parser per set of extensions, made when first needed (index: bit set of {@link #EXTENSIONS}). */
    private final AtomicReferenceArray<Parser> parsers = new AtomicReferenceArray<>(1 << 5);
    private final HtmlRenderer renderer;
    private final MutableDataSet options;
    private final Liquid liquid;
    private final HtmlSanitizer sanitizer;

    public MarkdownRenderer(Map<String, String> site, String postPath, Set<String> iframeHosts) {
        options = new MutableDataSet()
                .set(Parser.EXTENSIONS, allExtensions())
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
        renderer = HtmlRenderer.builder(options).nodeRendererFactory(o -> new TextSplicer.Renderer()).build();
        liquid = new Liquid(site, postPath);
        sanitizer = new HtmlSanitizer(iframeHosts);
    }

    /**
     * @param ownExcerpt the post's own excerpt; when blank one is made from the text
     */
    /** Images without alt text warned of, per post (the first ones; the rest are alike). */
    static final int MAX_IMAGE_WARNINGS = 20;

    public RenderResult render(String markdown, String ownExcerpt) {
        return render(markdown, ownExcerpt, false);
    }

    /**
     * @param stoppable read the Markdown through {@link CancellableText}: an interrupt of this thread
     *     then ends the render with {@link CancellableText.Cancelled} (for renders on a pool thread
     *     with a time limit; a short render on the caller's thread needs no such check)
     */
    public RenderResult render(String markdown, String ownExcerpt, boolean stoppable) {
        Liquid.Result pre = liquid.process(markdown == null ? "" : markdown);
        String md = pre.markdown();
        Document document = stoppable ? parserFor(md).parse(BasedSequence.of(new CancellableText(md)))
                : parserFor(md).parse(md);
        String html = ResponsiveImages.of(sanitizer.sanitize(write(document, TextSplicer.canSplice(md))));
        int[] lineStarts = lineStarts(md);

        List<TocEntry> toc = toc(document);
        List<DuplicateParagraphs.Paragraph> paragraphs = new ArrayList<>();
        StringBuilder firstParagraphs = new StringBuilder();
        List<ContentWarning> imageWarnings = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if ((node instanceof Image || node instanceof ImageRef) && imageWarnings.size() < MAX_IMAGE_WARNINGS
                    && PlainText.of(node).isBlank()) {
                // Readers of screen readers, and anyone whose image did not load, get nothing in its place.
                imageWarnings.add(ContentWarning.atLine("image-without-alt", "An image has no alt text",
                        lineOf(lineStarts, node.getStartOffset())));
            }
            if (node instanceof Paragraph p) {
                String text = PlainText.of(p);
                paragraphs.add(new DuplicateParagraphs.Paragraph(text, lineOf(lineStarts, p.getStartOffset())));
                if (firstParagraphs.length() < Excerpts.TARGET * 2) {
                    firstParagraphs.append(text).append(' ');
                }
            }
        }
        TextStats stats = TextStats.of(PlainText.of(document));
        List<ContentWarning> warnings = new ArrayList<>(pre.warnings());
        warnings.addAll(DuplicateParagraphs.find(paragraphs));
        warnings.addAll(imageWarnings);
        String excerpt = ownExcerpt != null && !ownExcerpt.isBlank() ? ownExcerpt.strip() : Excerpts.of(firstParagraphs.toString());
        return new RenderResult(html, toc, excerpt, stats.readingTimeMinutes(), stats.words(), stats.cjkChars(),
                stats.chars(), warnings);
    }

    /** flexmark's HTML, before sanitizing; with {@code splice}, text goes around the writer (same result). */
    String write(Document document, boolean splice) {
        if (!splice) {
            return renderer.render(document);
        }
        List<String> texts = new ArrayList<>();
        document.set(TextSplicer.TEXTS, texts);
        return TextSplicer.splice(renderer.render(document), texts);
    }

    /** The parse {@link #render} makes of this Markdown (for tests). */
    Document parse(String markdown) {
        String md = liquid.process(markdown).markdown();
        return parserFor(md).parse(md);
    }

    /** Offsets where lines start; flexmark's own line lookup scans from the top for every node. */
    private static int[] lineStarts(String md) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = md.indexOf('\n'); i >= 0; i = md.indexOf('\n', i + 1)) {
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = i + 1;
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    /** 1-based line of an offset. */
    private static int lineOf(int[] lineStarts, int offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static List<Extension> allExtensions() {
        return List.of(TablesExtension.create(), StrikethroughExtension.create(), TaskListExtension.create(),
                AutolinkExtension.create(), FootnoteExtension.create());
    }

    /**
     * A parser with only the extensions this text can use. Each extension adds a pass or a trigger
     * character to the parse (autolinks scan every text node, the costliest on CJK prose), and none
     * can match without its marker: a table needs "|", strikethrough "~", a task "[ ]" or "[x]", an
     * autolink "://", "www." or "@", a footnote "[^". Together that is a quarter of a typical parse.
     */
    private Parser parserFor(String md) {
        int pipes = count(md, "|", MAX_TABLE_PIPES + 1);
        int footnotes = count(md, "[^", MAX_FOOTNOTE_MARKERS + 1);
        int wanted = (pipes > 0 && pipes <= MAX_TABLE_PIPES ? 1 : 0)
                | (md.indexOf('~') >= 0 ? 2 : 0)
                | (md.contains("[ ]") || md.contains("[x]") || md.contains("[X]") ? 4 : 0)
                | (mayHoldAutolinks(md) ? 8 : 0)
                | (footnotes > 0 && footnotes <= MAX_FOOTNOTE_MARKERS ? 16 : 0);
        Parser parser = parsers.get(wanted);
        if (parser == null) {
            List<Extension> all = allExtensions();
            List<Extension> used = new ArrayList<>();
            for (int bit = 0; bit < all.size(); bit++) {
                if ((wanted & (1 << bit)) != 0) {
                    used.add(all.get(bit));
                }
            }
            parser = Parser.builder(new MutableDataSet(options).set(Parser.EXTENSIONS, used)).build();
            parsers.set(wanted, parser); // a race builds the same parser twice, harmlessly
        }
        return parser;
    }

    /** How often {@code what} occurs in {@code text}, counting no further than {@code enough}. */
    private static int count(String text, String what, int enough) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0 && n < enough; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
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
