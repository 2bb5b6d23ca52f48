package io.cms.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * Validates rendered objects, offline, against the schema of their kind:
 * <ul>
 * <li>Kubernetes kinds: the models of the official Java client, generated from the Kubernetes 1.32
 * OpenAPI document. They refuse unknown fields and missing required fields at every depth; an object
 * must also survive a round trip through its model unchanged, which catches wrong types (a string
 * where the API wants a number) and malformed quantities.</li>
 * <li>Strimzi kinds: {@link StrimziModel}, the API model Strimzi generates its CRDs from.</li>
 * <li>CloudNativePG kinds (and the Barman Cloud plugin's ObjectStore): the CRD schema subset in {@code schemas/}.</li>
 * </ul>
 * A kind with no schema here is itself an error: nothing reaches a cluster unchecked.
 */
final class SchemaValidator {

    private interface Check {
        void validate(JsonElement json) throws IOException;
    }

    private static final Map<String, Class<?>> KUBERNETES = Map.of(
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "v1/Namespace", V1Namespace.class,
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class);

    private static final Map<String, String> CNPG = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "schemas/cnpg-cluster-v1.json",
            "postgresql.cnpg.io/v1/Database", "schemas/cnpg-database-v1.json",
            "postgresql.cnpg.io/v1/ScheduledBackup", "schemas/cnpg-scheduledbackup-v1.json",
            "barmancloud.cnpg.io/v1/ObjectStore", "schemas/barmancloud-objectstore-v1.json");

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private SchemaValidator() {
    }

    /** Every schema error of every object, each prefixed with the object's id; empty when all are valid. */
    static List<String> validate(Collection<? extends JsonNode> objects) {
        List<String> errors = new ArrayList<>();
        for (JsonNode o : objects) {
            for (String error : validate(o)) {
                errors.add(Kustomize.id(o) + ": " + error);
            }
        }
        return errors;
    }

    static List<String> validate(JsonNode o) {
        String type = o.path("apiVersion").asText() + "/" + o.path("kind").asText();
        if (KUBERNETES.containsKey(type)) {
            return kubernetes(o, KUBERNETES.get(type));
        }
        if (StrimziModel.supports(type)) {
            return StrimziModel.validate(type, o);
        }
        if (CNPG.containsKey(type)) {
            return jsonSchema(o, CNPG.get(type));
        }
        return List.of("no schema for " + type + " in this check; add it before using the kind");
    }

    private static List<String> kubernetes(JsonNode o, Class<?> model) {
        JsonElement json = JsonParser.parseString(o.toString());
        List<String> quantities = Quantities.check(o);
        if (!quantities.isEmpty()) {
            return quantities;
        }
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
            Object typed = JSON.deserialize(o.toString(), model);
            JsonElement back = JsonParser.parseString(JSON.serialize(typed));
            List<String> differences = new ArrayList<>();
            RoundTrip.compare("", json, back, differences);
            return differences;
        } catch (java.lang.reflect.InvocationTargetException e) {
            return List.of(String.valueOf(e.getCause().getMessage()));
        } catch (RuntimeException e) {
            return List.of("cannot be read as " + model.getSimpleName() + ": " + e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jsonSchema(JsonNode o, String resource) {
        try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
            Schema schema = SCHEMAS.getSchema(in);
            return schema.validate(o).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
