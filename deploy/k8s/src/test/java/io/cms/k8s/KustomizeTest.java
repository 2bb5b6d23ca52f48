package io.cms.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The renderer does what kustomize does for the features it accepts, and refuses the rest. */
class KustomizeTest {

    @TempDir
    Path dir;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      image: cms/web
                      resources:
                        limits:
                          memory: 1Gi
            """;

    private List<ObjectNode> build(String kustomization, String... files) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return Kustomize.build(dir);
    }

    @Test
    void namespaceLabelsImagesReplicasAndBothPatchKinds() throws IOException {
        ObjectNode d = build("""
                resources: [web.yaml]
                namespace: shop
                labels:
                  - pairs: {team: a}
                images:
                  - {name: cms/web, newName: reg.example/web, newTag: "1.2"}
                replicas:
                  - {name: web, count: 4}
                patches:
                  - path: smaller.yaml
                  - target: {kind: Deployment, name: "w.b"}
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/args
                        value: [--fast]
                """, "web.yaml", DEPLOYMENT, "smaller.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {template: {spec: {terminationGracePeriodSeconds: 5}}}
                """).get(0);
        assertEquals("shop", d.at("/metadata/namespace").asText());
        assertEquals("a", d.at("/metadata/labels/team").asText());
        assertEquals("reg.example/web:1.2", d.at("/spec/template/spec/containers/0/image").asText());
        assertEquals(4, d.at("/spec/replicas").asInt());
        assertEquals(5, d.at("/spec/template/spec/terminationGracePeriodSeconds").asInt());
        assertEquals("1Gi", d.at("/spec/template/spec/containers/0/resources/limits/memory").asText(), "merge keeps siblings");
        assertEquals("--fast", d.at("/spec/template/spec/containers/0/args/0").asText());
    }

    @Test
    void refusesWhatItDoesNotModel() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), DEPLOYMENT);
        for (String k : List.of(
                "resources: [web.yaml]\nnamePrefix: x-\n",
                "resources: [web.yaml]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: web}\n      spec: {template: {spec: {containers: [{name: web, image: x}]}}}\n",
                "resources: [web.yaml]\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: replace\n        path: /spec/nothing\n        value: 1\n",
                "resources: [web.yaml]\npatches:\n  - target: {kind: Service}\n    patch: |-\n      - op: add\n        path: /spec/x\n        value: 1\n",
                "resources: [web.yaml]\nsecretGenerator:\n  - name: s\n    literals: [a=b]\n",
                "resources: [web.yaml, web.yaml]\n")) {
            Files.writeString(dir.resolve("kustomization.yaml"), k);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir), k);
            assertTrue(!e.getMessage().isBlank());
        }
    }

    @Test
    void generatedSecretsAreBase64() throws IOException {
        ObjectNode s = build("""
                generatorOptions: {disableNameSuffixHash: true}
                secretGenerator:
                  - name: creds
                    type: kubernetes.io/basic-auth
                    literals: [username=ü, password=a=b]
                """).get(0);
        assertEquals("kubernetes.io/basic-auth", s.path("type").asText());
        assertEquals("ü", Rendered.decoded(s, "username"));
        assertEquals("a=b", Rendered.decoded(s, "password"));
    }
}
