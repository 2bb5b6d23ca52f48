package io.cms.post.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/**
 * A readable diff of two texts, line by line, with the characters that changed marked inside a
 * changed line (Japanese has no spaces to split words at, so characters it is). Unchanged runs far
 * from a change are left out, as in a unified diff. Bounded: past {@link #MAX_LINES} differing
 * lines the middle is shown as replaced whole, and lines past {@link #MAX_INLINE_CHARS} are not
 * compared character by character, so a diff of two 1 MB posts costs milliseconds, not minutes.
 */
public final class TextDiff {

    /** Lines, beyond the common start and end, that are compared line by line. */
    public static final int MAX_LINES = 20_000;
    /** Longest line compared character by character. */
    public static final int MAX_INLINE_CHARS = 2_000;
    /** Unchanged lines shown around each change. */
    public static final int CONTEXT = 3;

    public enum Kind { EQUAL, DELETE, INSERT }

    /** A run of characters of one line, changed or not. */
    public record Segment(Kind kind, String text) {
    }

    /** One line: its number before and after (null where it does not exist), and its pieces. */
    public record Line(Kind kind, Integer before, Integer after, List<Segment> segments) {

        public String text() {
            StringBuilder b = new StringBuilder();
            segments.forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    /** Lines shown together; {@code skippedBefore} unchanged lines were left out before them. */
    public record Hunk(int skippedBefore, List<Line> lines) {
    }

    private TextDiff() {
    }

    /** The changes from {@code before} to {@code after}, in hunks; empty when the texts are the same. */
    public static List<Hunk> of(String before, String after) {
        List<Line> all = lines(split(before), split(after));
        return hunks(all);
    }

    static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    private static List<Line> lines(List<String> a, List<String> b) {
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            out.add(equal(a.get(i), i, i));
        }
        List<String> midA = a.subList(start, endA);
        List<String> midB = b.subList(start, endB);
        if (midA.size() + midB.size() > MAX_LINES) {
            changed(out, midA, start, midB, start);
        } else {
            int i = 0;
            for (AbstractDelta<String> d : DiffUtils.diff(midA, midB).getDeltas()) {
                int at = d.getSource().getPosition();
                for (; i < at; i++) {
                    out.add(equal(midA.get(i), start + i, start + d.getTarget().getPosition() - (at - i)));
                }
                changed(out, d.getSource().getLines(), start + at, d.getTarget().getLines(), start + d.getTarget().getPosition());
                i = at + d.getSource().size();
            }
            int offset = midB.size() - midA.size();
            for (; i < midA.size(); i++) {
                out.add(equal(midA.get(i), start + i, start + i + offset));
            }
        }
        for (int i = endA; i < a.size(); i++) {
            out.add(equal(a.get(i), i, i + (b.size() - a.size())));
        }
        return out;
    }

    private static Line equal(String text, int before, int after) {
        return new Line(Kind.EQUAL, before + 1, after + 1, List.of(new Segment(Kind.EQUAL, text)));
    }

    /** Removed lines, then added ones; a removed line and the added line in its place show their changed characters. */
    private static void changed(List<Line> out, List<String> removed, int fromA, List<String> added, int fromB) {
        List<List<Segment>> inlineA = new ArrayList<>();
        List<List<Segment>> inlineB = new ArrayList<>();
        for (int i = 0; i < removed.size(); i++) {
            List<Segment>[] pair = i < added.size() ? inline(removed.get(i), added.get(i)) : null;
            inlineA.add(pair == null ? List.of(new Segment(Kind.DELETE, removed.get(i))) : pair[0]);
            if (i < added.size()) {
                inlineB.add(pair == null ? List.of(new Segment(Kind.INSERT, added.get(i))) : pair[1]);
            }
        }
        for (int i = removed.size(); i < added.size(); i++) {
            inlineB.add(List.of(new Segment(Kind.INSERT, added.get(i))));
        }
        for (int i = 0; i < removed.size(); i++) {
            out.add(new Line(Kind.DELETE, fromA + i + 1, null, inlineA.get(i)));
        }
        for (int i = 0; i < added.size(); i++) {
            out.add(new Line(Kind.INSERT, null, fromB + i + 1, inlineB.get(i)));
        }
    }

    /**
     * The two lines cut into unchanged and changed runs, or null when they are too long to compare
     * or share too little for the marks to help (then each is shown as changed whole).
     */
    @SuppressWarnings("unchecked")
    private static List<Segment>[] inline(String a, String b) {
        if (a.length() > MAX_INLINE_CHARS || b.length() > MAX_INLINE_CHARS) {
            return null;
        }
        List<String> ca = codePoints(a);
        List<String> cb = codePoints(b);
        List<Segment> sa = new ArrayList<>();
        List<Segment> sb = new ArrayList<>();
        int i = 0;
        int j = 0;
        int same = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(ca, cb).getDeltas()) {
            int at = d.getSource().getPosition();
            same += at - i;
            add(sa, Kind.EQUAL, ca.subList(i, at));
            add(sb, Kind.EQUAL, cb.subList(j, d.getTarget().getPosition()));
            add(sa, Kind.DELETE, d.getSource().getLines());
            add(sb, Kind.INSERT, d.getTarget().getLines());
            i = at + d.getSource().size();
            j = d.getTarget().getPosition() + d.getTarget().size();
        }
        same += ca.size() - i;
        add(sa, Kind.EQUAL, ca.subList(i, ca.size()));
        add(sb, Kind.EQUAL, cb.subList(j, cb.size()));
        if (same * 10 < Math.max(ca.size(), cb.size()) * 3) {
            return null;
        }
        return new List[] {sa, sb};
    }

    private static void add(List<Segment> to, Kind kind, List<String> chars) {
        if (chars.isEmpty()) {
            return;
        }
        String text = String.join("", chars);
        if (!to.isEmpty() && to.get(to.size() - 1).kind() == kind) {
            text = to.remove(to.size() - 1).text() + text;
        }
        to.add(new Segment(kind, text));
    }

    private static List<String> codePoints(String s) {
        return s.codePoints().mapToObj(Character::toString).toList();
    }

    private static List<Hunk> hunks(List<Line> all) {
        List<Hunk> out = new ArrayList<>();
        int n = all.size();
        boolean[] shown = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (all.get(i).kind() != Kind.EQUAL) {
                for (int k = Math.max(0, i - CONTEXT); k <= Math.min(n - 1, i + CONTEXT); k++) {
                    shown[k] = true;
                }
            }
        }
        int skipped = 0;
        List<Line> current = null;
        for (int i = 0; i < n; i++) {
            if (!shown[i]) {
                current = null;
                skipped++;
                continue;
            }
            if (current == null) {
                current = new ArrayList<>();
                out.add(new Hunk(skipped, current));
                skipped = 0;
            }
            current.add(all.get(i));
        }
        return out;
    }
}
