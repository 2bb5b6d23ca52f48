package io.cms.render.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.commonmark.testutil.example.Example;
import org.commonmark.testutil.example.ExampleReader;
import org.junit.jupiter.api.Test;

/**
 * The CommonMark 0.31.2 spec examples through our whole pipeline. Both sides go through the same
 * sanitizer, so only differences of meaning count. The two raw-HTML sections are skipped (our
 * sanitizer rewrites raw HTML on purpose). Every remaining difference is listed, with its reason, in
 * {@code commonmark-differences.txt}: the test fails if a listed example starts passing (update the
 * list) or an unlisted one fails (a regression).
 */
class CommonMarkSpecTest {

    private static final Set<String> SKIPPED_SECTIONS = Set.of("HTML blocks", "Raw HTML");
    private static final HtmlSanitizer SANITIZER = new HtmlSanitizer(Set.of());
    private static final MarkdownRenderer RENDERER = new MarkdownRenderer(Map.of(), "/posts/{slug}", Set.of());

    @Test
    void specExamplesPassExceptTheListedDifferences() throws IOException {
        List<Example> examples = ExampleReader.readExamples(CommonMarkSpecTest.class.getResource("/spec.txt"));
        Set<Integer> failing = new TreeSet<>();
        int tested = 0;
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (SKIPPED_SECTIONS.contains(e.getSection())) {
                continue;
            }
            tested++;
            // Heading ids are our addition; the spec writes tabs in its HTML as "→".
            String ours = normalize(RENDERER.render(e.getSource(), null).html()).replaceAll("(<h[1-6]) id=\"[^\"]*\"", "$1");
            String expected = normalize(SANITIZER.sanitize(e.getHtml().replace('→', '\t')));
            if (!ours.equals(expected)) {
                failing.add(i + 1);
            }
        }
        Map<Integer, String> listed = listedDifferences();
        System.out.printf("CommonMark 0.31.2: %d examples tested, %d pass, %d listed differences%n", tested,
                tested - failing.size(), listed.size());
        assertEquals(listed.keySet(), failing, "examples that differ from the spec (see commonmark-differences.txt)");
    }

    /** Whitespace between tags is not meaning. */
    private static String normalize(String html) {
        return html.replaceAll(">\\s+<", "><").strip();
    }

    private static Map<Integer, String> listedDifferences() throws IOException {
        Map<Integer, String> listed = new TreeMap<>();
        try (InputStream in = CommonMarkSpecTest.class.getResourceAsStream("/commonmark-differences.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+", 2);
                listed.put(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : "");
            }
        }
        return listed;
    }
}
