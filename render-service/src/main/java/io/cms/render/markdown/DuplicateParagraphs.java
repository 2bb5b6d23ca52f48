package io.cms.render.markdown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds paragraphs that repeat an earlier one: exactly, or nearly (a few characters changed, or
 * merged into a longer paragraph). Paragraphs are compared by their distinct character 5-grams: a
 * repeat shares at least {@value #NEAR} of the smaller paragraph's 5-grams with an earlier
 * paragraph. An inverted index of 5-grams (primitive arrays, no boxing) keeps the cost linear in the
 * text rather than quadratic in paragraphs.
 */
public final class DuplicateParagraphs {

    /** A paragraph's plain text and where it starts. */
    public record Paragraph(String text, int line) {
    }

    static final double NEAR = 0.8;
    static final int GRAM = 5;
    private static final int MIN_EXACT = 20;
    private static final int MIN_NEAR = 40;

    private DuplicateParagraphs() {
    }

    /** One warning per paragraph that repeats an earlier one, pointing at its closest earlier match. */
    public static List<ContentWarning> find(List<Paragraph> paragraphs) {
        List<ContentWarning> warnings = new ArrayList<>();
        Map<Long, Integer> firstExact = new HashMap<>();
        List<char[]> texts = new ArrayList<>(paragraphs.size());
        int totalChars = 0;
        for (Paragraph p : paragraphs) {
            totalChars += p.text().length();
        }
        GramIndex index = GramIndex.forText(totalChars);
        int[] gramCounts = new int[paragraphs.size()];
        int[] shared = new int[paragraphs.size()];
        int[] touched = new int[paragraphs.size()];
        for (int i = 0; i < paragraphs.size(); i++) {
            char[] text = normalize(paragraphs.get(i).text());
            texts.add(text);
            Integer same = text.length >= MIN_EXACT ? firstExact.putIfAbsent(fingerprint(text), i) : null;
            if (same != null && !Arrays.equals(texts.get(same), text)) {
                same = null; // a 64-bit hash collision, not a repeat
            }
            if (same != null) {
                // An exact copy adds no 5-gram its original does not have: it stays out of the index,
                // which keeps the chains short in texts that repeat a lot.
                warnings.add(warning("duplicate-paragraph", "Paragraph repeats an earlier one word for word",
                        paragraphs, same, i));
                continue;
            }
            int[] slots = index.distinctSlots(text, i);
            gramCounts[i] = slots.length;
            if (text.length >= MIN_NEAR) {
                int match = nearest(slots, index, gramCounts, shared, touched);
                if (match >= 0) {
                    warnings.add(warning("near-duplicate-paragraph",
                            "Paragraph repeats most of an earlier one (changed slightly, or merged with other text)",
                            paragraphs, match, i));
                }
            }
            for (int slot : slots) {
                index.add(slot, i);
            }
        }
        return warnings;
    }

    /** The earlier paragraph sharing the largest part of the smaller one's 5-grams, if at least NEAR. */
    private static int nearest(int[] slots, GramIndex index, int[] gramCounts, int[] shared, int[] touched) {
        int touchedCount = 0;
        for (int slot : slots) {
            for (int e = index.head(slot); e >= 0; e = index.next(e)) {
                int p = index.paragraph(e);
                if (shared[p]++ == 0) {
                    touched[touchedCount++] = p;
                }
            }
        }
        int best = -1;
        double bestScore = 0;
        for (int t = 0; t < touchedCount; t++) {
            int p = touched[t];
            int smaller = Math.min(slots.length, gramCounts[p]);
            double score = smaller < MIN_NEAR - GRAM ? 0 : shared[p] / (double) smaller;
            if (score >= NEAR && (best < 0 || score > bestScore || (score == bestScore && p < best))) {
                best = p;
                bestScore = score;
            }
            shared[p] = 0;
        }
        return best;
    }

    /** The text with white space runs collapsed to one space and trimmed, as a char array (no String copies). */
    private static char[] normalize(String s) {
        char[] out = new char[s.length()];
        int n = 0;
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isWhitespace(c)) {
                space = n > 0;
            } else {
                if (space) {
                    out[n++] = ' ';
                    space = false;
                }
                out[n++] = c;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** {@link Character#isWhitespace} without its table lookup for the common cases (no white space above U+3000). */
    private static boolean isWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
        }
        return c >= 0x1680 && c <= 0x3000 && Character.isWhitespace(c);
    }

    private static long fingerprint(char[] text) {
        long h = 1125899906842597L;
        for (char c : text) {
            h = 31 * h + c;
        }
        return h;
    }

    private static ContentWarning warning(String type, String message, List<Paragraph> ps, int first, int repeat) {
        return new ContentWarning(type, message, List.of(
                new ContentWarning.Position(ps.get(first).line(), first),
                new ContentWarning.Position(ps.get(repeat).line(), repeat)));
    }
}
