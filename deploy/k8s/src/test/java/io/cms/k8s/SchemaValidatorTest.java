package io.cms.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The validator must catch the mistakes people make in manifests; each case breaks one real object. */
class SchemaValidatorTest {

    private static final List<ObjectNode> DEV = ManifestsTest.render("dev");

    private static ObjectNode copyOf(String kind, String name) {
        return DEV.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow().deepCopy();
    }

    private static List<String> errorsAfter(String kind, String name, Consumer<ObjectNode> breakIt) {
        ObjectNode o = copyOf(kind, name);
        assertEquals(List.of(), SchemaValidator.validate(o), "the unbroken object is valid");
        breakIt.accept(o);
        return SchemaValidator.validate(o);
    }

    private static ObjectNode container(ObjectNode workload) {
        return (ObjectNode) workload.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static void assertError(List<String> errors, String fragment) {
        assertFalse(errors.isEmpty(), "expected an error");
        assertTrue(errors.stream().anyMatch(e -> e.contains(fragment)), () -> "no error mentions " + fragment + ": " + errors);
    }

    @Test
    void kubernetesUnknownFieldAtAnyDepth() {
        assertError(errorsAfter("Deployment", "post-service", d -> container(d).put("imagePullPolicyy", "Always")),
                "imagePullPolicyy");
        assertError(errorsAfter("Ingress", "cms", i -> ((ObjectNode) i.get("spec")).put("ingressClass", "nginx")),
                "ingressClass");
    }

    @Test
    void kubernetesMissingRequiredField() {
        assertError(errorsAfter("Deployment", "post-service", d -> container(d).remove("name")), "name");
        assertError(errorsAfter("HorizontalPodAutoscaler", "post-service",
                h -> ((ObjectNode) h.get("spec")).remove("maxReplicas")), "maxReplicas");
    }

    @Test
    void kubernetesWrongTypeOrFormat() {
        assertError(errorsAfter("Deployment", "post-service", d -> ((ObjectNode) d.get("spec")).put("replicas", "2")),
                "replicas");
        assertError(errorsAfter("Deployment", "post-service",
                d -> ((ObjectNode) container(d).path("resources").path("limits")).put("memory", "768MB")), "768MB");
        assertError(errorsAfter("Service", "post-service",
                s -> ((ObjectNode) s.path("spec").path("ports").get(0)).put("port", "eighty")), "eighty");
    }

    @Test
    void strimziUnknownFieldWrongEnumWrongTypeMissingRequired() {
        assertError(errorsAfter("Kafka", "cms-kafka",
                k -> ((ObjectNode) k.path("spec").path("kafka")).put("replica", 3)), "replica");
        assertError(errorsAfter("Kafka", "cms-kafka",
                k -> ((ObjectNode) k.path("spec").path("kafka").path("listeners").get(0)).put("type", "interal")),
                "listeners/0/type");
        assertError(errorsAfter("KafkaTopic", "cms.posts", t -> ((ObjectNode) t.get("spec")).put("partitions", "six")),
                "partitions");
        assertError(errorsAfter("Kafka", "cms-kafka",
                k -> ((ObjectNode) k.path("spec").path("kafka")).remove("listeners")), "listeners");
        assertError(errorsAfter("KafkaNodePool", "dual-role",
                p -> ((ArrayNode) p.path("spec").path("roles")).add("router")), "roles/2");
    }

    @Test
    void cloudNativePgUnknownFieldWrongType() {
        assertError(errorsAfter("Cluster", "cms-pg", c -> ((ObjectNode) c.get("spec")).put("instance", 3)), "instance");
        assertError(errorsAfter("Cluster", "cms-pg",
                c -> ((ObjectNode) c.path("spec").path("postgresql").path("parameters")).put("max_connections", 200)),
                "max_connections");
        assertError(errorsAfter("Database", "cms-render", d -> ((ObjectNode) d.get("spec")).remove("owner")), "owner");
    }

    @Test
    void aKindWithoutSchemaIsRefused() {
        ObjectNode o = copyOf("Deployment", "post-service");
        o.put("kind", "DaemonSet");
        assertError(SchemaValidator.validate(o), "no schema");
    }
}
