package io.cms.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two kinds of kustomize patch: a strategic merge patch (an object of the same kind and name;
 * maps merge, scalars replace, null deletes) and a JSON 6902 patch (a list of operations on the
 * objects a target selects). Strategic merges that touch a list are refused: kustomize merges lists
 * by per-field keys this check does not model, so list edits use JSON 6902, whose meaning is exact.
 */
final class Patches {

    private Patches() {
    }

    static void apply(Path dir, JsonNode entry, List<ObjectNode> objects) {
        Kustomize.requireOnly(entry, "path", "patch", "target");
        JsonNode patch = entry.has("path") ? readPatch(dir.resolve(entry.get("path").asText()))
                : parse(entry.path("patch").asText());
        if (patch.isArray()) {
            JsonNode target = entry.path("target");
            if (target.isMissingNode()) {
                throw new IllegalArgumentException(dir + ": a JSON 6902 patch needs a target");
            }
            int matched = 0;
            for (ObjectNode o : objects) {
                if (selects(target, o)) {
                    matched++;
                    for (JsonNode op : patch) {
                        operation(o, op);
                    }
                }
            }
            requireMatch(dir, matched, target);
        } else {
            for (JsonNode doc : patch.has("documents") ? patch.get("documents") : List.of(patch)) {
                int matched = 0;
                for (ObjectNode o : objects) {
                    if (o.path("kind").equals(doc.path("kind"))
                            && o.path("metadata").path("name").equals(doc.path("metadata").path("name"))) {
                        matched++;
                        merge(o, (ObjectNode) doc, Kustomize.id(o));
                    }
                }
                requireMatch(dir, matched, doc.path("metadata"));
            }
        }
    }

    /** A patch file: one JSON 6902 list, or one or more strategic merge documents. */
    private static JsonNode readPatch(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .orElse("").startsWith("- ")) {
            return parse(text);
        }
        ObjectNode wrapper = Kustomize.YAML.createObjectNode();
        ArrayNode list = wrapper.putArray("documents");
        Kustomize.readAll(file).forEach(list::add);
        return wrapper;
    }

    private static JsonNode parse(String yaml) {
        try {
            return Kustomize.YAML.readTree(yaml);
        } catch (Exception e) {
            throw new IllegalArgumentException("inline patch: " + e.getMessage(), e);
        }
    }

    private static boolean selects(JsonNode target, JsonNode o) {
        Kustomize.requireOnly(target, "kind", "name", "group", "version");
        if (target.has("kind") && !target.get("kind").asText().equals(o.path("kind").asText())) {
            return false;
        }
        if (target.has("group") || target.has("version")) {
            String apiVersion = o.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            if (target.has("group") && !target.get("group").asText().equals(group)
                    || target.has("version") && !target.get("version").asText().equals(version)) {
                return false;
            }
        }
        // kustomize reads a target name as an anchored regular expression.
        return !target.has("name")
                || Pattern.matches(target.get("name").asText(), o.path("metadata").path("name").asText());
    }

    private static void requireMatch(Path dir, int matched, JsonNode what) {
        if (matched == 0) {
            throw new IllegalArgumentException(dir + ": patch target matches nothing: " + what);
        }
    }

    private static void merge(ObjectNode into, ObjectNode patch, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            JsonNode existing = into.get(e.getKey());
            if (value.isArray() || existing != null && existing.isArray()) {
                throw new IllegalArgumentException(where + ": strategic merge of the list '" + e.getKey()
                        + "' is not supported by this check; use a JSON 6902 patch");
            } else if (value.isNull()) {
                into.remove(e.getKey());
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) value, where);
            } else {
                into.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static void operation(ObjectNode o, JsonNode op) {
        Kustomize.requireOnly(op, "op", "path", "value");
        String kind = op.path("op").asText();
        String[] tokens = op.path("path").asText().substring(1).split("/", -1);
        JsonNode parent = o;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]), op);
        }
        String last = unescape(tokens[tokens.length - 1]);
        switch (kind) {
            case "add" -> {
                if (parent instanceof ArrayNode array) {
                    if (last.equals("-")) {
                        array.add(op.get("value").deepCopy());
                    } else {
                        array.insert(index(array, last, true, op), op.get("value").deepCopy());
                    }
                } else {
                    ((ObjectNode) parent).set(last, op.get("value").deepCopy());
                }
            }
            case "replace", "remove" -> {
                if (parent instanceof ArrayNode array) {
                    int i = index(array, last, false, op);
                    if (kind.equals("remove")) {
                        array.remove(i);
                    } else {
                        array.set(i, op.get("value").deepCopy());
                    }
                } else {
                    if (!parent.has(last)) {
                        throw new IllegalArgumentException("JSON patch " + op + ": no such path in " + Kustomize.id(o));
                    }
                    if (kind.equals("remove")) {
                        ((ObjectNode) parent).remove(last);
                    } else {
                        ((ObjectNode) parent).set(last, op.get("value").deepCopy());
                    }
                }
            }
            default -> throw new IllegalArgumentException("JSON patch operation '" + kind + "' is not supported by this check");
        }
    }

    private static JsonNode child(JsonNode parent, String token, JsonNode op) {
        JsonNode next = parent instanceof ArrayNode array ? array.get(index(array, token, false, op)) : parent.get(token);
        if (next == null || !next.isContainerNode()) {
            throw new IllegalArgumentException("JSON patch " + op + ": no such path");
        }
        return next;
    }

    private static int index(ArrayNode array, String token, boolean mayEqualSize, JsonNode op) {
        int i = Integer.parseInt(token);
        if (i < 0 || i > array.size() || i == array.size() && !mayEqualSize) {
            throw new IllegalArgumentException("JSON patch " + op + ": index out of range");
        }
        return i;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
