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
    private static final int GRAM = 5;
    private static final int MIN_EXACT = 20;
    private static final int MIN_NEAR = 40;

    private DuplicateParagraphs() {
    }

    /** One warning per paragraph that repeats an earlier one, pointing at its closest earlier match. */
    public static List<ContentWarning> find(List<Paragraph> paragraphs) {
        List<ContentWarning> warnings = new ArrayList<>();
        Map<String, Integer> firstExact = new HashMap<>();
        GramIndex index = new GramIndex();
        int[] gramCounts = new int[paragraphs.size()];
        int[] shared = new int[paragraphs.size()];
        int[] touched = new int[paragraphs.size()];
        for (int i = 0; i < paragraphs.size(); i++) {
            String text = normalize(paragraphs.get(i).text());
            long[] grams = grams(text);
            gramCounts[i] = grams.length;
            Integer same = text.length() >= MIN_EXACT ? firstExact.putIfAbsent(text, i) : null;
            if (same != null) {
                warnings.add(warning("duplicate-paragraph", "Paragraph repeats an earlier one word for word",
                        paragraphs, same, i));
            } else if (text.length() >= MIN_NEAR) {
                int match = nearest(grams, index, gramCounts, shared, touched);
                if (match >= 0) {
                    warnings.add(warning("near-duplicate-paragraph",
                            "Paragraph repeats most of an earlier one (changed slightly, or merged with other text)",
                            paragraphs, match, i));
                }
            }
            for (long g : grams) {
                index.add(g, i);
            }
        }
        return warnings;
    }

    /** The earlier paragraph sharing the largest part of the smaller one's 5-grams, if at least NEAR. */
    private static int nearest(long[] grams, GramIndex index, int[] gramCounts, int[] shared, int[] touched) {
        int touchedCount = 0;
        for (long g : grams) {
            for (int e = index.head(g); e >= 0; e = index.next(e)) {
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
            int smaller = Math.min(grams.length, gramCounts[p]);
            double score = smaller < MIN_NEAR - GRAM ? 0 : shared[p] / (double) smaller;
            if (score >= NEAR && (best < 0 || score > bestScore || (score == bestScore && p < best))) {
                best = p;
                bestScore = score;
            }
            shared[p] = 0;
        }
        return best;
    }

    /** Distinct 5-gram hashes (a rolling hash), so a phrase repeated inside one paragraph counts once. */
    static long[] grams(String s) {
        int n = s.length() - GRAM + 1;
        if (n <= 0) {
            return new long[0];
        }
        long[] out = new long[n];
        long power = 1;
        for (int k = 1; k < GRAM; k++) {
            power *= 31;
        }
        long h = 0;
        for (int j = 0; j < GRAM; j++) {
            h = 31 * h + s.charAt(j);
        }
        out[0] = h;
        for (int i = 1; i < n; i++) {
            h = 31 * (h - power * s.charAt(i - 1)) + s.charAt(i + GRAM - 1);
            out[i] = h;
        }
        Arrays.sort(out);
        int unique = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[unique++] = out[i];
            }
        }
        return Arrays.copyOf(out, unique);
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static ContentWarning warning(String type, String message, List<Paragraph> ps, int first, int repeat) {
        return new ContentWarning(type, message, List.of(
                new ContentWarning.Position(ps.get(first).line(), first),
                new ContentWarning.Position(ps.get(repeat).line(), repeat)));
    }

    /** 5-gram hash to the paragraphs holding it: open addressing over chains kept in int arrays. */
    private static final class GramIndex {
        private long[] keys = new long[1024];
        private int[] heads = new int[1024];
        private boolean[] used = new boolean[1024];
        private int size;
        private int[] entryParagraph = new int[1024];
        private int[] entryNext = new int[1024];
        private int entries;

        int head(long gram) {
            int slot = find(gram);
            return used[slot] ? heads[slot] : -1;
        }

        int next(int entry) {
            return entryNext[entry];
        }

        int paragraph(int entry) {
            return entryParagraph[entry];
        }

        void add(long gram, int paragraph) {
            if (entries == entryParagraph.length) {
                entryParagraph = Arrays.copyOf(entryParagraph, entries * 2);
                entryNext = Arrays.copyOf(entryNext, entries * 2);
            }
            int slot = find(gram);
            if (!used[slot]) {
                used[slot] = true;
                keys[slot] = gram;
                heads[slot] = -1;
                if (++size * 2 > keys.length) {
                    grow();
                    slot = find(gram);
                }
            }
            entryParagraph[entries] = paragraph;
            entryNext[entries] = heads[slot];
            heads[slot] = entries++;
        }

        private int find(long gram) {
            int mask = keys.length - 1;
            int slot = (int) (gram ^ (gram >>> 32)) * 0x9E3779B9 & mask;
            while (used[slot] && keys[slot] != gram) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldHeads = heads;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            heads = new int[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    int slot = find(oldKeys[i]);
                    used[slot] = true;
                    keys[slot] = oldKeys[i];
                    heads[slot] = oldHeads[i];
                }
            }
        }
    }
}
