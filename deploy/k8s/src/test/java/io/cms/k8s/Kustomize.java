package io.cms.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the features these manifests
 * use (no kustomize binary reaches this machine). Anything else in a kustomization.yaml is refused,
 * so the manifests cannot quietly rely on a feature this renderer would get wrong: resources (files
 * and directories), namespace, labels (metadata only), images, replicas, patches (strategic merge
 * without lists, or JSON 6902), and secret/configMap generators with literals and no name hash.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "images", "replicas", "patches", "generatorOptions", "secretGenerator", "configMapGenerator");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PersistentVolume", "IngressClass");

    private Kustomize() {
    }

    /** The objects {@code kustomize build dir} prints, in resource order. */
    static List<ObjectNode> build(Path dir) {
        JsonNode k = readOne(dir.resolve("kustomization.yaml"));
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + f + "' is not supported by this check");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(build(p));
            } else {
                objects.addAll(readAll(p));
            }
        }
        objects.addAll(generated(dir, k));
        for (JsonNode patch : k.path("patches")) {
            Patches.apply(dir, patch, objects);
        }
        String namespace = k.path("namespace").asText(null);
        for (ObjectNode o : objects) {
            if (namespace != null && !CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                ((ObjectNode) o.get("metadata")).put("namespace", namespace);
            }
            for (JsonNode label : k.path("labels")) {
                requireOnly(label, "pairs");
                label.get("pairs").fields().forEachRemaining(e -> meta(o, "labels").set(e.getKey(), e.getValue()));
            }
            images(o, k.path("images"));
            replicas(o, k.path("replicas"));
        }
        requireUnique(dir, objects);
        return objects;
    }

    static List<ObjectNode> readAll(Path file) {
        try {
            YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(file.toFile());
            List<ObjectNode> out = new ArrayList<>();
            try (MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                        if (!doc.isObject()) {
                            throw new IllegalArgumentException(file + ": a document is not an object");
                        }
                        out.add((ObjectNode) doc);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode readOne(Path file) {
        List<ObjectNode> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    static String id(JsonNode o) {
        String ns = o.path("metadata").path("namespace").asText("");
        return o.path("kind").asText() + "/" + (ns.isEmpty() ? "" : ns + "/") + o.path("metadata").path("name").asText();
    }

    private static List<ObjectNode> generated(Path dir, JsonNode k) {
        List<ObjectNode> out = new ArrayList<>();
        boolean generators = k.has("secretGenerator") || k.has("configMapGenerator");
        if (generators && !k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)) {
            // Name hashes would also rewrite every reference; the manifests opt out, and so does this check.
            throw new IllegalArgumentException(dir + ": generators need generatorOptions.disableNameSuffixHash: true here");
        }
        for (String kind : List.of("Secret", "ConfigMap")) {
            for (JsonNode g : k.path(kind.equals("Secret") ? "secretGenerator" : "configMapGenerator")) {
                requireOnly(g, "name", "literals", "type");
                ObjectNode o = YAML.createObjectNode().put("apiVersion", "v1").put("kind", kind);
                o.putObject("metadata").put("name", g.path("name").asText());
                if (g.has("type")) {
                    o.put("type", g.get("type").asText());
                }
                ObjectNode data = o.putObject("data");
                for (JsonNode literal : g.path("literals")) {
                    String[] kv = literal.asText().split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException(dir + ": literal without '=': " + literal.asText());
                    }
                    data.put(kv[0], kind.equals("Secret")
                            ? Base64.getEncoder().encodeToString(kv[1].getBytes(StandardCharsets.UTF_8)) : kv[1]);
                }
                out.add(o);
            }
        }
        return out;
    }

    private static void images(ObjectNode o, JsonNode images) {
        JsonNode podSpec = o.path("spec").path("template").path("spec");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : podSpec.path(list)) {
                String image = c.path("image").asText();
                int colon = image.lastIndexOf(':');
                String name = colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
                for (JsonNode i : images) {
                    requireOnly(i, "name", "newName", "newTag");
                    if (i.path("name").asText().equals(name)) {
                        String tag = i.has("newTag") ? i.get("newTag").asText() : colon > 0 ? image.substring(colon + 1) : null;
                        String newName = i.path("newName").asText(name);
                        ((ObjectNode) c).put("image", tag == null ? newName : newName + ":" + tag);
                    }
                }
            }
        }
    }

    private static void replicas(ObjectNode o, JsonNode replicas) {
        for (JsonNode r : replicas) {
            requireOnly(r, "name", "count");
            if (r.path("name").asText().equals(o.path("metadata").path("name").asText())
                    && Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(o.path("kind").asText())) {
                ((ObjectNode) o.get("spec")).put("replicas", r.get("count").asInt());
            }
        }
    }

    static ObjectNode meta(ObjectNode o, String field) {
        ObjectNode metadata = (ObjectNode) o.get("metadata");
        return metadata.has(field) ? (ObjectNode) metadata.get(field) : metadata.putObject(field);
    }

    static void requireOnly(JsonNode node, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException("'" + f + "' is not supported by this check (in " + node + ")");
            }
        }
    }

    private static void requireUnique(Path dir, List<ObjectNode> objects) {
        Set<String> seen = new HashSet<>();
        for (ObjectNode o : objects) {
            if (!seen.add(id(o))) {
                throw new IllegalArgumentException(dir + ": " + id(o) + " is defined twice");
            }
        }
    }
}
