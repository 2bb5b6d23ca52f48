package io.cms.k8s;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The objects of one rendered overlay, with the look-ups the cross-reference rules need. */
record Rendered(String overlay, List<ObjectNode> objects) {

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    static Rendered of(String overlay) {
        return new Rendered(overlay, ManifestsTest.render(overlay));
    }

    List<JsonNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).map(o -> (JsonNode) o).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return kind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    List<JsonNode> workloads() {
        return objects.stream().filter(o -> WORKLOADS.contains(o.path("kind").asText())).map(o -> (JsonNode) o).toList();
    }

    /** The workloads whose pod labels the selector matches. */
    List<JsonNode> workloadsSelectedBy(JsonNode selector) {
        return workloads().stream().filter(w -> matches(selector, podLabels(w))).toList();
    }

    static List<JsonNode> containers(JsonNode workload) {
        List<JsonNode> out = new ArrayList<>();
        workload.path("spec").path("template").path("spec").path("containers").forEach(out::add);
        return out;
    }

    /** The elements of a JSON array (none for a missing node). */
    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }

    static JsonNode podLabels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    /** A label selector (a Service's plain map, or matchLabels and matchExpressions) against labels. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        boolean plain = !selector.has("matchLabels") && !selector.has("matchExpressions");
        JsonNode required = plain ? selector : selector.path("matchLabels");
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) required::fields) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String decoded(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }
}
