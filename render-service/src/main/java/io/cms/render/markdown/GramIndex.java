package io.cms.render.markdown;

import java.util.Arrays;

/**
 * 5-gram hash to the paragraphs holding it: open addressing (Fibonacci hashing on the high
 * bits) over chains kept in int arrays. One index per thread is reused from render to render
 * (up to {@link #REUSED_CAPACITY} slots): a generation stamp marks the slots of the current
 * render, so nothing is allocated or cleared per render. Larger texts get a one-off index.
 */
final class GramIndex {
    private static final int REUSED_CAPACITY = 1 << 16;
    private static final ThreadLocal<GramIndex> REUSED = ThreadLocal.withInitial(() -> new GramIndex(REUSED_CAPACITY));

    private final long[] keys;
    private final int[] heads;
    private final int[] stamps;
    private final int[] markedBy;
    private final int shift;
    private int[] entryParagraph = new int[1024];
    private int[] entryNext = new int[1024];
    private int entries;
    private int generation;
    private int mark;

    private GramIndex(int capacity) {
        keys = new long[capacity];
        heads = new int[capacity];
        stamps = new int[capacity];
        markedBy = new int[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /** An empty index for this much text, at a load factor of at most 1/2. */
    static GramIndex forText(int totalChars) {
        int capacity = Integer.highestOneBit(Math.max(16, totalChars)) << 1;
        GramIndex index = capacity <= REUSED_CAPACITY ? REUSED.get() : new GramIndex(capacity);
        index.reset();
        return index;
    }

    private void reset() {
        entries = 0;
        if (generation == Integer.MAX_VALUE || mark > Integer.MAX_VALUE - 1_000_000) {
            Arrays.fill(stamps, 0);
            Arrays.fill(markedBy, 0);
            generation = 0;
            mark = 0;
        }
        generation++;
    }

    /** A fresh mark per paragraph, so a gram is listed once per paragraph. */
    private int nextMark() {
        return ++mark;
    }

    /** The slots of the paragraph's distinct 5-grams (a rolling hash), inserting unseen ones. */
    int[] distinctSlots(char[] s, int paragraph) {
        int n = s.length - DuplicateParagraphs.GRAM + 1;
        if (n <= 0) {
            return new int[0];
        }
        int[] out = new int[n];
        int count = 0;
        int paragraphMark = nextMark();
        long power = 1;
        for (int k = 1; k < DuplicateParagraphs.GRAM; k++) {
            power *= 31;
        }
        long h = 0;
        for (int j = 0; j < DuplicateParagraphs.GRAM - 1; j++) {
            h = 31 * h + s[j];
        }
        for (int i = 0; i < n; i++) {
            h = 31 * h + s[i + DuplicateParagraphs.GRAM - 1];
            int slot = slot(h);
            if (markedBy[slot] != paragraphMark) {
                markedBy[slot] = paragraphMark;
                out[count++] = slot;
            }
            h -= power * s[i];
        }
        return Arrays.copyOf(out, count);
    }

    int head(int slot) {
        return heads[slot];
    }

    int next(int entry) {
        return entryNext[entry];
    }

    int paragraph(int entry) {
        return entryParagraph[entry];
    }

    void add(int slot, int paragraph) {
        if (entries == entryParagraph.length) {
            entryParagraph = Arrays.copyOf(entryParagraph, entries * 2);
            entryNext = Arrays.copyOf(entryNext, entries * 2);
        }
        entryParagraph[entries] = paragraph;
        entryNext[entries] = heads[slot];
        heads[slot] = entries++;
    }

    private int slot(long gram) {
        int mask = keys.length - 1;
        int slot = (int) ((gram * 0x9E3779B97F4A7C15L) >>> shift);
        while (stamps[slot] == generation && keys[slot] != gram) {
            slot = (slot + 1) & mask;
        }
        if (stamps[slot] != generation) {
            stamps[slot] = generation;
            keys[slot] = gram;
            heads[slot] = -1;
        }
        return slot;
    }
}
