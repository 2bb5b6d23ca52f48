package io.cms.post.importing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
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

    /** Thrown for front matter that cannot be read; the message says what is wrong, a limit also its numbers. */
    public static final class InvalidFrontMatter extends RuntimeException {
        private final Long limit;
        private final Long actual;

        InvalidFrontMatter(String message) {
            this(message, null, null);
        }

        InvalidFrontMatter(String message, Long limit, Long actual) {
            super(message);
            this.limit = limit;
            this.actual = actual;
        }

        /** The limit exceeded, or null when the front matter broke no limit but is unreadable. */
        public Long limit() {
            return limit;
        }

        /** How far the front matter went when it was stopped (at least one beyond the limit). */
        public Long actual() {
            return actual;
        }
    }

    /**
     * What front matter may expand to once its aliases are followed. SnakeYAML bounds the aliases in
     * a document and the document's length, but ten aliases that each refer to a list of ten others
     * are a billion nodes after expansion from under 500 bytes (the "billion laughs"); these bounds
     * hold for the expanded value, and counting stops the walk as soon as one is passed.
     */
    static final int MAX_NODES = 10_000;
    static final int MAX_DEPTH = 20;
    static final int MAX_SCALAR_CHARS = 100_000;
    static final int MAX_TOTAL_CHARS = 1_000_000;

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

    /** Values as YAML, as the exporter writes them (empty for none). */
    public static String yaml(Map<String, Object> values) {
        return values == null || values.isEmpty() ? "" : yaml().dump(values);
    }

    /** YAML typed by a person (the studio's front matter field), read with the same bounds as an import's. */
    public static Map<String, Object> read(String yaml) {
        return yaml == null || yaml.isBlank() ? new LinkedHashMap<>() : load(yaml.replace("\r\n", "\n").replace('\r', '\n'));
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
        Map<String, Object> plain = (Map<String, Object>) new Expansion().plain(map, 1);
        return plain;
    }

    /** Converts what YAML may hold into what JSON can (string keys, base64 for binary), within the bounds. */
    private static final class Expansion {
        private long nodes;
        private long chars;

        Object plain(Object value, int depth) {
            if (depth > MAX_DEPTH) {
                throw new InvalidFrontMatter("the front matter nests more than " + MAX_DEPTH
                        + " levels deep, or an alias refers to itself (e.g. a: &a [*a])", (long) MAX_DEPTH, (long) depth);
            }
            if (++nodes > MAX_NODES) {
                throw new InvalidFrontMatter("the front matter holds more than " + MAX_NODES
                        + " values once its aliases are expanded", (long) MAX_NODES, nodes);
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(key(e.getKey()), plain(e.getValue(), depth + 1));
                }
                return out;
            }
            if (value instanceof Collection<?> values) {
                List<Object> out = new ArrayList<>(Math.min(values.size(), MAX_NODES));
                for (Object v : values) {
                    out.add(plain(v, depth + 1));
                }
                return out;
            }
            if (value instanceof byte[] bytes) {
                return text(Base64.getEncoder().encodeToString(bytes));
            }
            return value instanceof String s ? text(s) : value;
        }

        private String key(Object key) {
            if (key instanceof Map || key instanceof Collection) {
                throw new InvalidFrontMatter("front-matter keys must be plain values, not lists or mappings");
            }
            return text(String.valueOf(key));
        }

        private String text(String s) {
            if (s.length() > MAX_SCALAR_CHARS) {
                throw new InvalidFrontMatter("a front-matter value is longer than " + MAX_SCALAR_CHARS + " characters",
                        (long) MAX_SCALAR_CHARS, (long) s.length());
            }
            chars += s.length();
            if (chars > MAX_TOTAL_CHARS) {
                throw new InvalidFrontMatter("the front matter holds more than " + MAX_TOTAL_CHARS
                        + " characters once its aliases are expanded", (long) MAX_TOTAL_CHARS, chars);
            }
            return s;
        }
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
        loader.setNestingDepthLimit(MAX_DEPTH);
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
