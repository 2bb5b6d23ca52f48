package io.cms.render.markdown;

import java.util.List;
import java.util.Set;

import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.data.NullableDataKey;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import com.vladsch.flexmark.util.sequence.Escaping;

/**
 * Renders text nodes beside flexmark's HTML writer instead of through it. The writer handles every
 * character on its own (line and whitespace bookkeeping), which made rendering CJK prose, nearly all
 * text, the single largest cost of a render. Here each text node becomes a short marker in the
 * writer's output and its escaped text goes to a side list; {@link #splice} puts the texts back in
 * one pass. The result is the HTML flexmark would have written, and it is sanitized afterwards as
 * always. A document that itself contains a marker character is rendered the ordinary way.
 */
final class TextSplicer {

    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';

    /** The escaped texts of one render; absent when this render does not splice. */
    static final NullableDataKey<List<String>> TEXTS = new NullableDataKey<>("CMS_SPLICED_TEXTS");

    private TextSplicer() {
    }

    static boolean canSplice(String markdown) {
        return markdown.indexOf(OPEN) < 0 && markdown.indexOf(CLOSE) < 0;
    }

    /** The writer's output with every marker replaced by its text. */
    static String splice(String html, List<String> texts) {
        StringBuilder out = new StringBuilder(html.length() + texts.size() * 48);
        int from = 0;
        for (int open = html.indexOf(OPEN); open >= 0; open = html.indexOf(OPEN, from)) {
            int close = html.indexOf(CLOSE, open);
            out.append(html, from, open).append(texts.get(Integer.parseInt(html, open + 1, close, 10)));
            from = close + 1;
        }
        return out.append(html, from, html.length()).toString();
    }

    /** What flexmark's core renderer does with a text node, minus the per-character work when it can. */
    static String escapedText(BasedSequence chars) {
        String text = chars.indexOf('\\') < 0 && chars.indexOf('&') < 0 ? chars.toString() : chars.unescape();
        if (text.indexOf('\r') >= 0) {
            text = Escaping.normalizeEOL(text);
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (entity != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(entity);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String stripSpacesAndTabs(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    /** The node renderer that takes over {@link Text} from flexmark's core renderer. */
    static final class Renderer implements NodeRenderer {
        @Override
        public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
            return Set.of(new NodeRenderingHandler<>(Text.class, this::render));
        }

        private void render(Text node, NodeRendererContext context, HtmlWriter html) {
            List<String> texts = TEXTS.get(context.getDocument());
            if (texts == null) {
                html.text(Escaping.normalizeEOL(node.getChars().unescape()));
                return;
            }
            String text = escapedText(node.getChars());
            if (node.getPrevious() instanceof HardLineBreak || node.getPrevious() instanceof SoftLineBreak) {
                text = stripSpacesAndTabs(text); // the writer drops them at the start of an output line
            }
            texts.add(text);
            html.raw(OPEN + Integer.toString(texts.size() - 1) + CLOSE);
        }
    }
}
