package io.cms.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Front matter written to hurt: alias bombs, deep nesting, huge values, complex keys, tags that
 * would build objects, broken structure. Each is a whole Markdown file for the importer.
 */
final class HostileYaml {

    /**
     * One hostile file; {@code slug} is set in it, so a test can check that nothing was stored under
     * it. {@code mustRefuse}: it breaks a bound; otherwise it may also be harmless YAML that imports.
     */
    record Case(String name, String slug, String file, boolean mustRefuse) {
    }

    /** Cases whose name says they break a bound of what front matter may expand to. */
    private static final List<String> BOUNDS = List.of("laughs", "bomb", "refers to itself", "deep", "200 000",
            "aliases of", "20 000", "50 000", "complex key", "binary");

    private HostileYaml() {
    }

    static List<Case> all() {
        List<String[]> raw = new ArrayList<>();
        raw.add(new String[] {"billion laughs, lists", laughs(9, 9, "[", "]")});
        raw.add(new String[] {"billion laughs, mappings", laughsMap(9, 9)});
        raw.add(new String[] {"two-wide laughs, 40 levels", laughs(40, 2, "[", "]")});
        raw.add(new String[] {"laughs in the title", laughs(9, 9, "[", "]").replace("title: lol", "title: *l9")});
        raw.add(new String[] {"alias refers to itself", "a: &a [*a]"});
        raw.add(new String[] {"mapping refers to itself", "a: &a {b: *a}"});
        raw.add(new String[] {"deep flow lists", "n: " + "[".repeat(200) + "]".repeat(200)});
        raw.add(new String[] {"deep flow mappings", "n: " + "{a: ".repeat(100) + "x" + "}".repeat(100)});
        raw.add(new String[] {"deep block mappings", deepBlock(60)});
        raw.add(new String[] {"one value of 200 000 characters", "d: " + "字".repeat(200_000)});
        raw.add(new String[] {"aliases of a long value", "a: &a " + "x".repeat(90_000) + "\nb: [" + "*a, ".repeat(40) + "*a]"});
        raw.add(new String[] {"a key of 200 000 characters", "k".repeat(200_000) + ": v"});
        raw.add(new String[] {"20 000 keys", manyKeys(20_000)});
        raw.add(new String[] {"a list of 50 000 items", "l: [" + "1, ".repeat(50_000) + "1]"});
        raw.add(new String[] {"a set of 20 000 entries", "s: !!set {" + setEntries(20_000) + "}"});
        raw.add(new String[] {"complex key", "? [a, b]\n: c"});
        raw.add(new String[] {"complex key aliasing a bomb", laughs(9, 9, "[", "]") + "\n? *l9\n: x"});
        raw.add(new String[] {"merge-key chain", mergeChain(60)});
        raw.add(new String[] {"1000 unused anchors", unusedAnchors(1000)});
        raw.add(new String[] {"java object tag", "o: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost:9/\"]]]]"});
        raw.add(new String[] {"python object tag", "o: !!python/object/apply:os.system [\"true\"]"});
        raw.add(new String[] {"unknown local tag", "o: !shell rm -rf /"});
        raw.add(new String[] {"huge binary", "b: !!binary " + "QUFB".repeat(60_000)});
        raw.add(new String[] {"a number of 200 000 digits", "n: " + "9".repeat(200_000)});
        raw.add(new String[] {"float exponent overflow", "f: 1e99999999\ng: -.inf\nh: .nan"});
        raw.add(new String[] {"1000 duplicate keys", "d: x\n".repeat(1000)});
        raw.add(new String[] {"NUL and control characters", "t: \"\\0\\x01\\x1b[31m\"\nu: \u0007"});
        raw.add(new String[] {"tab indentation", "a:\n\tb: c"});
        raw.add(new String[] {"YAML directive from the future", "%YAML 9.9\n---\na: b"});
        raw.add(new String[] {"a second document inside", "a: b\n---\nc: d"});
        raw.add(new String[] {"a bare list, not a mapping", "- a\n- b"});
        raw.add(new String[] {"unclosed quote", "t: \"never closed"});
        raw.add(new String[] {"unclosed flow", "t: [a, {b: c"});
        raw.add(new String[] {"anchor on a key used as value bomb", laughs(8, 8, "[", "]") + "\nz: {*l8: *l8}"});
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String slug = "hostile-yaml-" + i;
            String yaml = raw.get(i)[1];
            String file = yaml.startsWith("%YAML") ? "---\nslug: " + slug + "\n" + yaml + "\n---\nbody\n"
                    : "---\nslug: " + slug + "\n" + (yaml.contains("title:") ? "" : "title: hostile " + i + "\n")
                            + yaml + "\n---\nbody\n";
            String name = raw.get(i)[0];
            cases.add(new Case(name, slug, file, BOUNDS.stream().anyMatch(name::contains)));
        }
        return cases;
    }

    /** {@code levels} anchors, each a list of {@code width} aliases of the one before. */
    static String laughs(int levels, int width, String open, String close) {
        StringBuilder sb = new StringBuilder("title: lol\nl0: &l0 " + open + "lol" + close + "\n");
        for (int i = 1; i <= levels; i++) {
            sb.append('l').append(i).append(": &l").append(i).append(' ').append(open);
            for (int j = 0; j < width; j++) {
                sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append(close).append('\n');
        }
        return sb.toString().strip();
    }

    private static String laughsMap(int levels, int width) {
        StringBuilder sb = new StringBuilder("m0: &m0 {a: lol}\n");
        for (int i = 1; i <= levels; i++) {
            sb.append('m').append(i).append(": &m").append(i).append(" {");
            for (int j = 0; j < width; j++) {
                sb.append(j == 0 ? "" : ", ").append('k').append(j).append(": *m").append(i - 1);
            }
            sb.append("}\n");
        }
        return sb.toString().strip();
    }

    private static String deepBlock(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return sb.append("  ".repeat(depth)).append("x").toString();
    }

    private static String manyKeys(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("key").append(i).append(": ").append(i).append('\n');
        }
        return sb.toString().strip();
    }

    private static String setEntries(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append('e').append(i);
        }
        return sb.toString();
    }

    private static String mergeChain(int n) {
        StringBuilder sb = new StringBuilder("m0: &m0 {a: 1}\n");
        for (int i = 1; i < n; i++) {
            sb.append('m').append(i).append(": &m").append(i).append(" {<<: *m").append(i - 1).append(", b").append(i).append(": 1}\n");
        }
        return sb.toString().strip();
    }

    private static String unusedAnchors(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("a").append(i).append(": &x").append(i).append(" v\n");
        }
        return sb.toString().strip();
    }
}
