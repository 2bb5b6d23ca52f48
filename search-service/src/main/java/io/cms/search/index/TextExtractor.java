package io.cms.search.index;

import java.util.regex.Pattern;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import io.cms.common.text.FlexmarkPatch;

/** Markdown to searchable text: prose and code apart, Markdown syntax and Liquid tags gone. */
public final class TextExtractor {

    /** The prose and the code of a post. */
    public record Extracted(String text, String code) {
    }

    private static final Pattern LIQUID = Pattern.compile("\\{%.*?%}|\\{\\{.*?}}", Pattern.DOTALL);
    private static final Parser PARSER = Parser.builder(new MutableDataSet()).build();

    static {
        FlexmarkPatch.checkLoaded("the indexer");
    }

    private TextExtractor() {
    }

    public static Extracted extract(String markdown) {
        String md = markdown == null ? "" : LIQUID.matcher(markdown).replaceAll(" ");
        StringBuilder text = new StringBuilder();
        StringBuilder code = new StringBuilder();
        for (Node node : PARSER.parse(md).getDescendants()) {
            if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
                code.append(((Block) node).getContentChars()).append('\n');
            } else if (node instanceof Text && !isInCode(node)) {
                text.append(node.getChars());
            } else if (node instanceof Code c) {
                text.append(c.getText());
            } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak || node instanceof Block) {
                text.append(' ');
            }
        }
        return new Extracted(text.toString().replaceAll("\\s+", " ").strip(), code.toString());
    }

    private static boolean isInCode(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof FencedCodeBlock || p instanceof IndentedCodeBlock) {
                return true;
            }
        }
        return false;
    }
}
