package io.cms.render.markdown;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;

/**
 * The readable text of a Markdown subtree. flexmark's own TextCollectingVisitor trips an internal
 * assertion on some inputs (CommonMark spec examples among them), so this walks the tree itself.
 */
final class PlainText {

    private PlainText() {
    }

    static String of(Node root) {
        StringBuilder sb = new StringBuilder();
        for (Node node : root.getDescendants()) {
            if (node instanceof Text || node instanceof Code) {
                sb.append(node instanceof Code c ? c.getText() : node.getChars());
            } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                sb.append(' ');
            } else if (node instanceof Block && sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                sb.append(' ');
            }
        }
        return sb.toString().strip();
    }
}
