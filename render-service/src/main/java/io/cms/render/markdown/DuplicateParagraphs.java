package io.cms.render.markdown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds paragraphs that repeat an earlier one: exactly, or nearly (a few characters changed, or
 * merged into a longer paragraph). Paragraphs are compared by their character 5-grams: a repeat
 * shares at least {@value #NEAR} of the smaller paragraph's 5-grams with an earlier paragraph. An
 * inverted index of 5-grams keeps this linear in the text, not quadratic in paragraphs.
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
        Map<Long, List<Integer>> index = new HashMap<>();
        List<long[]> grams = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            String text = normalize(paragraphs.get(i).text());
            long[] g = grams(text);
            grams.add(g);
            Integer same = text.length() >= MIN_EXACT ? firstExact.putIfAbsent(text, i) : null;
            if (same != null) {
                warnings.add(warning("duplicate-paragraph", "Paragraph repeats an earlier one word for word",
                        paragraphs, same, i));
            } else if (text.length() >= MIN_NEAR) {
                int match = nearest(i, g, grams, index);
                if (match >= 0) {
                    warnings.add(warning("near-duplicate-paragraph",
                            "Paragraph repeats most of an earlier one (changed slightly, or merged with other text)",
                            paragraphs, match, i));
                }
            }
            for (long h : g) {
                List<Integer> postings = index.computeIfAbsent(h, k -> new ArrayList<>());
                if (postings.isEmpty() || postings.get(postings.size() - 1) != i) {
                    postings.add(i);
                }
            }
        }
        return warnings;
    }

    /** The earlier paragraph sharing the largest part of the smaller one's 5-grams, if at least NEAR. */
    private static int nearest(int current, long[] g, List<long[]> grams, Map<Long, List<Integer>> index) {
        Map<Integer, Integer> shared = new HashMap<>();
        for (long h : g) {
            for (int other : index.getOrDefault(h, List.of())) {
                shared.merge(other, 1, Integer::sum);
            }
        }
        int best = -1;
        double bestScore = NEAR;
        for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
            int smaller = Math.min(g.length, grams.get(e.getKey()).length);
            if (smaller < MIN_NEAR - GRAM) {
                continue;
            }
            double score = e.getValue() / (double) smaller;
            if (score >= bestScore && (score > bestScore || best < 0 || e.getKey() < best)) {
                best = e.getKey();
                bestScore = score;
            }
        }
        return best == current ? -1 : best;
    }

    /** Distinct 5-gram hashes, so repeated phrases inside one paragraph do not inflate the score. */
    private static long[] grams(String s) {
        if (s.length() < GRAM) {
            return new long[0];
        }
        java.util.HashSet<Long> set = new java.util.HashSet<>();
        for (int i = 0; i + GRAM <= s.length(); i++) {
            long h = 1125899906842597L;
            for (int j = i; j < i + GRAM; j++) {
                h = 31 * h + s.charAt(j);
            }
            set.add(h);
        }
        return set.stream().mapToLong(Long::longValue).toArray();
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static ContentWarning warning(String type, String message, List<Paragraph> ps, int first, int repeat) {
        return new ContentWarning(type, message, List.of(
                new ContentWarning.Position(ps.get(first).line(), first),
                new ContentWarning.Position(ps.get(repeat).line(), repeat)));
    }
}
