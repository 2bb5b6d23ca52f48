package io.cms.post.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cms.post.service.TextDiff.Hunk;
import io.cms.post.service.TextDiff.Kind;
import io.cms.post.service.TextDiff.Line;
import io.cms.post.service.TextDiff.Segment;
import org.junit.jupiter.api.Test;

class TextDiffTest {

    @Test
    void sameTextsHaveNoHunks() {
        assertEquals(List.of(), TextDiff.of("a\nb", "a\nb"));
        assertEquals(List.of(), TextDiff.of(null, ""));
    }

    @Test
    void aChangedLineIsShownWithItsNeighboursAndItsChangedCharacters() {
        String before = numbered(1, 20) + "\n半導体の輸出規制について\n" + numbered(22, 40);
        String after = numbered(1, 20) + "\n半導体の輸入規制について\n" + numbered(22, 40);
        List<Hunk> hunks = TextDiff.of(before, after);
        assertEquals(1, hunks.size());
        Hunk h = hunks.get(0);
        assertEquals(17, h.skippedBefore(), "lines 1-17 left out, 18-20 shown as context");
        assertEquals(List.of("EQUAL 18 18", "EQUAL 19 19", "EQUAL 20 20", "DELETE 21 null", "INSERT null 21", "EQUAL 22 22",
                "EQUAL 23 23", "EQUAL 24 24"), h.lines().stream().map(l -> l.kind() + " " + l.before() + " " + l.after()).toList());
        Line removed = h.lines().get(3);
        assertEquals(List.of(new Segment(Kind.EQUAL, "半導体の輸"), new Segment(Kind.DELETE, "出"),
                new Segment(Kind.EQUAL, "規制について")), removed.segments());
        assertEquals("半導体の輸入規制について", h.lines().get(4).text());
        assertEquals(new Segment(Kind.INSERT, "入"), h.lines().get(4).segments().get(1));
    }

    @Test
    void insertedAndRemovedLinesKeepBothNumberings() {
        List<Hunk> hunks = TextDiff.of("a\nb\nc\nd", "a\nx\ny\nc\nd\ne");
        List<String> shown = hunks.stream().flatMap(h -> h.lines().stream())
                .map(l -> l.kind() + " " + l.before() + " " + l.after() + " " + l.text()).toList();
        assertEquals(List.of("EQUAL 1 1 a", "DELETE 2 null b", "INSERT null 2 x", "INSERT null 3 y", "EQUAL 3 4 c",
                "EQUAL 4 5 d", "INSERT null 6 e"), shown);
    }

    @Test
    void linesThatShareLittleAreReplacedWholeNotShreddedIntoCharacters() {
        Line removed = TextDiff.of("まったく別の文です", "A different sentence").get(0).lines().get(0);
        assertEquals(List.of(new Segment(Kind.DELETE, "まったく別の文です")), removed.segments());
    }

    @Test
    void hugeTextsAreBoundedNotCompared() {
        String before = numbered(1, 30_000);
        String after = IntStream.rangeClosed(1, 30_000).mapToObj(i -> "changed " + i).collect(Collectors.joining("\n"));
        List<Hunk> hunks = TextDiff.of(before, after);
        assertEquals(60_000, hunks.get(0).lines().size(), "past the bound, every line removed then added, not compared");
        assertEquals(Kind.DELETE, hunks.get(0).lines().get(0).kind());
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    }
}
