package io.cms.render.markdown;

/** Excerpts cut at a sentence end (。！？ as well as . ! ?) near a target length. */
public final class Excerpts {

    public static final int TARGET = 160;

    private Excerpts() {
    }

    /** Whole sentences up to about {@link #TARGET} characters; a longer first sentence is cut with an ellipsis. */
    public static String of(String plainText) {
        String text = plainText.strip().replaceAll("\\s+", " ");
        if (text.length() <= TARGET) {
            return text;
        }
        int lastEnd = -1;
        for (int i = 0; i < text.length() && i < TARGET + 40; i++) {
            if (isSentenceEnd(text, i)) {
                if (i + 1 > TARGET && lastEnd > 0) {
                    break;
                }
                lastEnd = i + 1;
                if (lastEnd >= TARGET) {
                    break;
                }
            }
        }
        if (lastEnd > 0) {
            return text.substring(0, lastEnd).strip();
        }
        int cut = text.lastIndexOf(' ', TARGET);
        return text.substring(0, cut > TARGET / 2 ? cut : TARGET).strip() + "…";
    }

    private static boolean isSentenceEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '。' || c == '！' || c == '？' || c == '!' || c == '?') {
            return true;
        }
        // A full stop ends a sentence only before a space or the end (not in 3.14 or example.com).
        return c == '.' && (i + 1 == s.length() || s.charAt(i + 1) == ' ');
    }
}
