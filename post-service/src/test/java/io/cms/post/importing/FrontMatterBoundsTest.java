package io.cms.post.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Front matter is bounded by what it expands to, not by how short it is written. */
class FrontMatterBoundsTest {

    /** {@code levels} anchors, each a list of {@code width} aliases of the one before: width^levels values. */
    static String laughs(int levels, int width) {
        StringBuilder sb = new StringBuilder("---\ntitle: lol\nl0: &l0 [lol]\n");
        for (int i = 1; i <= levels; i++) {
            sb.append('l').append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < width; j++) {
                sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.append("---\nbody").toString();
    }

    private static FrontMatter.InvalidFrontMatter refused(String text) {
        return assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(FrontMatter.InvalidFrontMatter.class, () -> FrontMatter.parse(text)));
    }

    @Test
    void aBillionLaughsUnderFiveHundredBytesIsRefusedByItsExpandedSize() {
        String text = laughs(5, 9); // 45 aliases: within SnakeYAML's alias limit (50)
        assertTrue(text.length() < 500, text.length() + " bytes, " + (long) Math.pow(9, 5) + " values expanded");
        FrontMatter.InvalidFrontMatter e = refused(text);
        assertEquals((long) FrontMatter.MAX_NODES, e.limit());
        assertEquals(FrontMatter.MAX_NODES + 1L, e.actual());
        assertTrue(e.getMessage().contains("aliases are expanded"), e.getMessage());
    }

    @Test
    void aliasesOfALongValueAreRefusedByTheirTotalLength() {
        String text = "---\ntitle: t\na: &a " + "x".repeat(90_000) + "\nb: [" + "*a, ".repeat(20) + "*a]\n---\n";
        FrontMatter.InvalidFrontMatter e = refused(text);
        assertEquals((long) FrontMatter.MAX_TOTAL_CHARS, e.limit());
        assertTrue(e.actual() > FrontMatter.MAX_TOTAL_CHARS);
    }

    @Test
    void oneValueLongerThanTheScalarLimitIsRefused() {
        FrontMatter.InvalidFrontMatter e = refused("---\ntitle: t\nd: " + "字".repeat(FrontMatter.MAX_SCALAR_CHARS + 1) + "\n---\n");
        assertEquals((long) FrontMatter.MAX_SCALAR_CHARS, e.limit());
        assertEquals(FrontMatter.MAX_SCALAR_CHARS + 1L, e.actual());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        int depth = FrontMatter.MAX_DEPTH + 5;
        refused("---\ntitle: t\nn: " + "[".repeat(depth) + "]".repeat(depth) + "\n---\n");
    }

    @Test
    void aKeyThatIsAnAliasOfAHugeStructureIsRefusedWithoutPrintingIt() {
        // String.valueOf(key) would expand the structure into one enormous string.
        String text = laughs(9, 9).replace("---\nbody", "? *l9\n: x\n---\nbody");
        refused(text);
    }

    @Test
    void realFrontMatterWithinTheBoundsStillReads() {
        String text = "---\ntitle: t\ndefaults: &d {layout: post, comments: true}\nseo:\n  <<: *d\n  keywords: [a, b]\n"
                + "long: " + "y".repeat(FrontMatter.MAX_SCALAR_CHARS) + "\n---\nbody";
        Map<String, Object> values = FrontMatter.parse(text).values();
        assertEquals(Map.of("layout", "post", "comments", true, "keywords", List.of("a", "b")), values.get("seo"));
        assertEquals(FrontMatter.MAX_SCALAR_CHARS, ((String) values.get("long")).length());
    }
}
