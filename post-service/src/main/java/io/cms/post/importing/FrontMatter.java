package io.cms.post.importing;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Splits a Markdown file into YAML front matter and body, and writes them back.
 *
 * <p>Dates stay the strings the author wrote (the YAML timestamp type is not resolved), so a key we
 * do not interpret is kept exactly; the importer reads the dates it needs itself.
 */
public final class FrontMatter {

    /** A parsed file: its front-matter mapping (in file order) and its body. */
    public record Parsed(Map<String, Object> values, String body) {
    }

    /** Thrown for front matter that cannot be read; the message says what is wrong. */
    public static final class InvalidFrontMatter extends RuntimeException {
        InvalidFrontMatter(String message) {
            super(message);
        }
    }

    private FrontMatter() {
    }

    /**
     * Line endings are normalised to LF first. Front matter opens with {@code ---} on the first line
     * and closes with {@code ---} or {@code ...}; a file without it is all body.
     */
    public static Parsed parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        s = s.replace("\r\n", "\n").replace('\r', '\n');
        if (!firstLine(s).equals("---")) {
            return new Parsed(new LinkedHashMap<>(), s);
        }
        int start = s.indexOf('\n') + 1;
        int pos = start;
        while (pos < s.length()) {
            int end = s.indexOf('\n', pos);
            String line = (end < 0 ? s.substring(pos) : s.substring(pos, end)).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                String yaml = s.substring(start, pos);
                String body = end < 0 ? "" : s.substring(end + 1);
                if (line.equals("...") && firstLine(body).equals("---")) {
                    // pandoc/Hakyll files close with "..." and repeat "---"; that line is not content.
                    int next = body.indexOf('\n');
                    body = next < 0 ? "" : body.substring(next + 1);
                }
                return new Parsed(load(yaml), body);
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
        }
        throw new InvalidFrontMatter("the front matter opened with --- is never closed with --- or ...");
    }

    /** Front matter and body as a Markdown file: {@code ---}, YAML, {@code ---}, body exactly as given. */
    public static String write(Map<String, Object> values, String body) {
        String yaml = values.isEmpty() ? "" : yaml().dump(values);
        return "---\n" + yaml + "---\n" + body;
    }

    private static Map<String, Object> load(String yaml) {
        Object loaded;
        try {
            loaded = yaml().load(yaml);
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? "unreadable YAML" : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidFrontMatter("the front matter is not valid YAML: " + msg);
        }
        if (loaded == null) {
            return new LinkedHashMap<>();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new InvalidFrontMatter("the front matter must be a mapping of keys to values");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) plain(map, 0);
        return plain;
    }

    /** Deeper than YAML's own nesting limit can only be an alias that refers to itself. */
    private static final int MAX_DEPTH = 50;

    /** Converts what YAML may hold into what JSON can: string keys, base64 for binary. */
    private static Object plain(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidFrontMatter("the front matter nests more than " + MAX_DEPTH
                    + " levels deep, or an alias refers to itself (e.g. a: &a [*a])");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v, depth + 1)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> plain(v, depth + 1)).toList();
        }
        if (value instanceof java.util.Set<?> set) {
            return set.stream().map(v -> plain(v, depth + 1)).toList();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).stripTrailing();
    }

    /** A new instance per call: SnakeYAML's Yaml is not thread-safe. */
    private static Yaml yaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(true);
        loader.setMaxAliasesForCollections(50);
        loader.setNestingDepthLimit(50);
        loader.setCodePointLimit(1_000_000);
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumper.setAllowUnicode(true);
        dumper.setSplitLines(false);
        dumper.setIndent(2);
        dumper.setIndicatorIndent(0);
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader, new NoTimestamps());
    }

    /** The YAML 1.1 resolver without its timestamp rule. */
    private static final class NoTimestamps extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }
}
