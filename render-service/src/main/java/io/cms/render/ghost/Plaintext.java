package io.cms.render.ghost;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ghost's {@code plaintext} format from the sanitized HTML served: block ends become line breaks,
 * other tags go, entities are read. The HTML is the sanitizer's output (well-formed, no script or
 * comment), so a tag is always {@code <...>} with quotes escaped inside.
 */
final class Plaintext {

    private static final Pattern BLOCK_END = Pattern.compile(
            "</(p|h[1-6]|li|blockquote|pre|tr|table|ul|ol|dl|dd|dt|figure|figcaption|div)>|<br\\s*/?>|<hr\\s*/?>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|nbsp|#39);");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private Plaintext() {
    }

    static String of(String html) {
        if (html == null) {
            return null;
        }
        String text = TAG.matcher(BLOCK_END.matcher(html).replaceAll("\n")).replaceAll("");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
        }
        m.appendTail(out);
        return BLANK_LINES.matcher(out.toString()).replaceAll("\n\n").strip();
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos", "#39" -> "'";
            case "nbsp" -> "\u00a0";
            default -> {
                int cp = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\ufffd";
            }
        };
    }
}
