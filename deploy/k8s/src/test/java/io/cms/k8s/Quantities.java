package io.cms.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.kubernetes.client.custom.Quantity;

/**
 * Resource quantities (memory, CPU, volume sizes) parsed the way the API server parses them, so that
 * "768MB" is reported with its path instead of as a bare parse failure of the whole object.
 */
final class Quantities {

    /** Fields whose value is a quantity, or a map of them. */
    private static final Set<String> QUANTITY = Set.of("sizeLimit", "storage");
    private static final Set<String> QUANTITY_MAPS = Set.of("requests", "limits");

    private Quantities() {
    }

    static List<String> check(JsonNode o) {
        List<String> errors = new ArrayList<>();
        walk(o, "", errors);
        return errors;
    }

    private static void walk(JsonNode node, String path, List<String> errors) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, errors);
            }
        }
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            String at = path + "/" + e.getKey();
            if (QUANTITY.contains(e.getKey()) && e.getValue().isValueNode()) {
                parse(e.getValue(), at, errors);
            } else if (QUANTITY_MAPS.contains(e.getKey()) && e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(q -> parse(q.getValue(), at + "/" + q.getKey(), errors));
            } else {
                walk(e.getValue(), at, errors);
            }
        }
    }

    private static void parse(JsonNode value, String at, List<String> errors) {
        if (!value.isValueNode()) {
            return;
        }
        try {
            Quantity.fromString(value.asText());
        } catch (RuntimeException e) {
            errors.add(at + ": '" + value.asText() + "' is not a Kubernetes quantity (" + e.getMessage() + ")");
        }
    }
}
