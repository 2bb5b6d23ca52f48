package io.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.vladsch.flexmark.util.sequence.BasedSequence;
import com.vladsch.flexmark.util.sequence.SegmentedSequence;
import org.junit.jupiter.api.Test;

class FlexmarkPatchTest {

    @Test
    void theCorrectedClassIsTheOneLoaded() {
        assertTrue(FlexmarkPatch.applied());
    }

    /** 300 000 separate lines, as a paragraph whose lines start with a space: minutes with flexmark's copy. */
    @Test
    void aSequenceOfManySeparateLinesIsBuiltWhole() {
        BasedSequence source = BasedSequence.of(" a\n".repeat(300_000));
        List<BasedSequence> lines = new ArrayList<>();
        for (int at = 0; at < source.length(); at += 3) {
            lines.add(source.subSequence(at + 1, at + 3));
        }
        BasedSequence joined = SegmentedSequence.create(source, lines);
        assertTrue(joined.length() == 600_000 && joined.toString().startsWith("a\na\n"), "length " + joined.length());
    }
}
