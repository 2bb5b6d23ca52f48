package io.cms.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cms.local.LocalTopics;

/**
 * Every overlay (dev, prod, and prod-restore, the documented restore) renders, every object is valid for its kind, and the objects fit together and fit
 * the services: references resolve, the ingress routes what the services serve, environment
 * variables are ones the services read, containers are hardened and sized.
 */
class ManifestsTest {

    static final Path K8S = Path.of(System.getProperty("cms.k8s.dir", ".")).toAbsolutePath().normalize();
    static final Path REPOSITORY = K8S.resolve("../..").normalize();
    static final List<String> SERVICES = List.of("post-service", "render-service", "search-service");

    /** Secrets that exist without being in the manifests: made by CloudNativePG, or by you in prod. */
    static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
            "dev", Set.of("cms-pg-app"),
            "prod", Set.of("cms-pg-app", "cms-admin-token", "cms-webhook-key", "cms-session-key", "cms-pg-render", "cms-tls",
                    "cms-pg-backup-s3"),
            "prod-restore", Set.of("cms-pg-app", "cms-admin-token", "cms-webhook-key", "cms-session-key", "cms-pg-render", "cms-tls",
                    "cms-pg-backup-s3"),
            "prod-oidc", Set.of("cms-pg-app", "cms-admin-token", "cms-webhook-key", "cms-session-key", "cms-pg-render", "cms-tls",
                    "cms-pg-backup-s3"));

    /** Labels of pods the operators create (selectable by policies, never by our templates). */
    static final Set<String> OPERATOR_LABELS = Set.of("cnpg.io/cluster", "strimzi.io/cluster", "k8s-app");

    static List<ObjectNode> render(String overlay) {
        return Kustomize.build(K8S.resolve("overlays").resolve(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void everyObjectValidatesAgainstTheSchemaOfItsKind(String overlay) {
        assertEquals(List.of(), SchemaValidator.validate(render(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void workloadsServicesBudgetsAndAutoscalersFitTogether(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<String> errors = new ArrayList<>();
        for (JsonNode w : r.workloads()) {
            if (!Rendered.matches(w.path("spec").path("selector"), Rendered.podLabels(w))) {
                errors.add(Kustomize.id(w) + ": selector does not match its own pod labels");
            }
        }
        for (JsonNode s : r.kind("Service")) {
            List<JsonNode> selected = r.workloadsSelectedBy(s.path("spec").path("selector"));
            if (selected.isEmpty()) {
                errors.add(Kustomize.id(s) + ": selects no pods");
            }
            for (JsonNode port : s.path("spec").path("ports")) {
                String target = port.path("targetPort").asText();
                for (JsonNode w : selected) {
                    boolean declared = Rendered.containers(w).stream().flatMap(c -> Rendered.stream(c.path("ports")))
                            .anyMatch(p -> p.path("name").asText().equals(target) || p.path("containerPort").asText().equals(target));
                    if (!declared) {
                        errors.add(Kustomize.id(s) + ": targetPort " + target + " is not a port of " + Kustomize.id(w));
                    }
                }
            }
        }
        for (JsonNode pdb : r.kind("PodDisruptionBudget")) {
            if (r.workloadsSelectedBy(pdb.path("spec").path("selector")).isEmpty()) {
                errors.add(Kustomize.id(pdb) + ": selects no pods");
            }
        }
        for (JsonNode hpa : r.kind("HorizontalPodAutoscaler")) {
            JsonNode ref = hpa.path("spec").path("scaleTargetRef");
            if (r.find(ref.path("kind").asText(), ref.path("name").asText()).isEmpty()) {
                errors.add(Kustomize.id(hpa) + ": scales " + ref + ", which does not exist");
            }
            if (r.find(ref.path("kind").asText(), ref.path("name").asText()).map(w -> w.path("spec").has("replicas")).orElse(false)) {
                errors.add(Kustomize.id(hpa) + ": its target also sets spec.replicas, and every apply would undo the autoscaler");
            }
        }
        assertEquals(List.of(), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void theIngressRoutesEveryPublicPathToTheServiceThatServesIt(String overlay) {
        Rendered r = Rendered.of(overlay);
        Map<String, String> served = new TreeMap<>();
        for (String service : SERVICES) {
            for (String path : apiPaths(service)) {
                served.put(path, service);
            }
        }
        Map<String, String> routed = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode ingress : r.kind("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode p : rule.path("http").path("paths")) {
                    JsonNode backend = p.path("backend").path("service");
                    String service = backend.path("name").asText();
                    routed.put(p.path("path").asText(), service);
                    boolean portExists = r.find("Service", service).stream().flatMap(s -> Rendered.stream(s.path("spec").path("ports")))
                            .anyMatch(port -> port.path("name").asText().equals(backend.path("port").path("name").asText()));
                    if (!portExists) {
                        errors.add(Kustomize.id(ingress) + ": backend " + backend + " is not a Service port");
                    }
                }
            }
        }
        // Rebuilds are for operators (kubectl port-forward), not the internet; render-service asks
        // post-service what a preview link opens inside the cluster.
        Set<String> notPublic = Set.of("/api/admin/rerender", "/api/admin/reindex", "/api/preview-links");
        for (Map.Entry<String, String> e : served.entrySet()) {
            String route = routed.keySet().stream().filter(prefix -> covers(prefix, e.getKey())).findFirst().orElse(null);
            if (notPublic.contains(e.getKey())) {
                if (route != null) {
                    errors.add(e.getKey() + " is an admin path but the ingress routes it");
                }
            } else if (route == null) {
                errors.add(e.getKey() + " (" + e.getValue() + ") is not routed by the ingress");
            } else if (!routed.get(route).equals(e.getValue())) {
                errors.add(e.getKey() + " is served by " + e.getValue() + " but routed to " + routed.get(route));
            }
        }
        assertEquals(List.of(), errors);
        assertTrue(served.size() >= 8, "found the services' paths: " + served);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void everySecretAndConfigMapReferenceResolves(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<String> errors = new ArrayList<>();
        for (JsonNode w : r.workloads()) {
            for (JsonNode c : Rendered.containers(w)) {
                for (JsonNode from : c.path("envFrom")) {
                    String cm = from.path("configMapRef").path("name").asText(null);
                    if (cm != null && r.find("ConfigMap", cm).isEmpty()) {
                        errors.add(Kustomize.id(w) + ": ConfigMap " + cm + " does not exist");
                    }
                }
                for (JsonNode env : c.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode() && !ref.path("optional").asBoolean()) {
                        errors.addAll(secretKey(r, overlay, Kustomize.id(w), ref.path("name").asText(), ref.path("key").asText()));
                    }
                }
            }
        }
        for (JsonNode cluster : r.kind("Cluster")) {
            for (JsonNode role : cluster.path("spec").path("managed").path("roles")) {
                String secret = role.path("passwordSecret").path("name").asText();
                errors.addAll(secretKey(r, overlay, Kustomize.id(cluster), secret, "password"));
                r.find("Secret", secret).ifPresent(s -> {
                    if (!Rendered.decoded(s, "username").equals(role.path("name").asText())) {
                        errors.add(Kustomize.id(s) + ": username must be the role's name " + role.path("name").asText());
                    }
                });
            }
        }
        for (JsonNode cm : r.kind("ConfigMap")) {
            cm.path("data").fieldNames().forEachRemaining(key -> {
                if (key.matches("(?i).*(password|secret|token|credential).*")) {
                    errors.add(Kustomize.id(cm) + ": " + key + " looks like a credential; credentials belong in Secrets");
                }
            });
        }
        assertEquals(List.of(), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void everyEnvironmentVariableIsOneTheServiceReads(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<String> errors = new ArrayList<>();
        Set<String> readByImporters = new TreeSet<>();
        for (JsonNode w : r.workloads()) {
            String service = Rendered.name(w);
            Set<String> reads = variablesRead(service);
            for (JsonNode c : Rendered.containers(w)) {
                for (JsonNode env : c.path("env")) {
                    if (!reads.contains(env.path("name").asText())) {
                        errors.add(Kustomize.id(w) + ": " + env.path("name").asText() + " is not read by " + service);
                    }
                }
                if (c.path("envFrom").size() > 0) {
                    readByImporters.addAll(reads);
                }
            }
        }
        r.find("ConfigMap", "cms-config").orElseThrow().path("data").fieldNames().forEachRemaining(key -> {
            if (!readByImporters.contains(key)) {
                errors.add("ConfigMap cms-config: " + key + " is read by no service that imports it");
            }
        });
        assertEquals(List.of(), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void containersAreNonRootReadOnlySizedProbedAndPinned(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<String> errors = new ArrayList<>();
        for (JsonNode w : r.workloads()) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            if (!pod.path("securityContext").path("runAsNonRoot").asBoolean()) {
                errors.add(Kustomize.id(w) + ": pod may run as root");
            }
            if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                errors.add(Kustomize.id(w) + ": mounts a service account token it does not use");
            }
            for (JsonNode c : Rendered.containers(w)) {
                String id = Kustomize.id(w) + " container " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                if (!sc.path("readOnlyRootFilesystem").asBoolean() || sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    errors.add(id + ": root filesystem writable or privilege escalation allowed");
                }
                for (String limit : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                    String[] parts = limit.split("/");
                    if (c.path("resources").path(parts[0]).path(parts[1]).isMissingNode()) {
                        errors.add(id + ": no resources." + parts[0] + "." + parts[1]);
                    }
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    String port = c.path(probe).path("httpGet").path("port").asText();
                    if (Rendered.stream(c.path("ports")).noneMatch(p -> p.path("name").asText().equals(port))) {
                        errors.add(id + ": " + probe + " missing or not on a declared port");
                    }
                }
                String image = c.path("image").asText();
                if (!image.matches(".+:[^/:]+") || image.endsWith(":latest")) {
                    errors.add(id + ": image " + image + " has no pinned tag");
                }
                if (overlay.startsWith("prod") && image.startsWith("cms/")) {
                    errors.add(id + ": image " + image + " is the local name, not one from a registry");
                }
            }
        }
        assertEquals(List.of(), errors);
        assertEquals(3, r.workloads().size(), "the three services");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void kafkaTopicsAreTheOnesTheServicesUseAndFitTheCluster(String overlay) {
        Rendered r = Rendered.of(overlay);
        Map<String, String> declared = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int brokers = r.kind("KafkaNodePool").stream().filter(p -> Rendered.stream(p.path("spec").path("roles")).anyMatch(x -> x.asText().equals("broker")))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        int minInSync = r.find("Kafka", "cms-kafka").orElseThrow().path("spec").path("kafka").path("config").path("min.insync.replicas").asInt(1);
        for (JsonNode t : r.kind("KafkaTopic")) {
            JsonNode config = t.path("spec").path("config");
            declared.put(Rendered.name(t), config.path("cleanup.policy").asText("delete") + ", max "
                    + config.path("max.message.bytes").asText("Kafka's default"));
            int replicas = t.path("spec").path("replicas").asInt();
            if (replicas > brokers || minInSync > replicas) {
                errors.add(Kustomize.id(t) + ": " + replicas + " replicas on " + brokers + " brokers with min.insync.replicas " + minInSync);
            }
        }
        Map<String, String> used = new TreeMap<>();
        for (NewTopic topic : LocalTopics.ALL) {
            Map<String, String> config = topic.configs() == null ? Map.of() : topic.configs();
            used.put(topic.name(), config.getOrDefault("cleanup.policy", "delete") + ", max "
                    + config.getOrDefault("max.message.bytes", "Kafka's default"));
        }
        assertEquals(List.of(), errors);
        assertEquals(used, declared,
                "KafkaTopics (cleanup policy, largest record) vs the topics the local stack creates");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void networkPoliciesSelectPodsThatExist(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<String> errors = new ArrayList<>();
        for (JsonNode policy : r.kind("NetworkPolicy")) {
            List<JsonNode> selectors = new ArrayList<>();
            selectors.add(policy.path("spec").path("podSelector"));
            for (String direction : List.of("ingress", "egress")) {
                for (JsonNode rule : policy.path("spec").path(direction)) {
                    for (JsonNode peer : rule.path(direction.equals("ingress") ? "from" : "to")) {
                        if (peer.has("podSelector") && !peer.has("namespaceSelector")) {
                            selectors.add(peer.get("podSelector"));
                        }
                    }
                }
            }
            for (JsonNode selector : selectors) {
                boolean operatorPods = Stream.concat(fieldNames(selector.path("matchLabels")),
                        Rendered.stream(selector.path("matchExpressions")).map(x -> x.path("key").asText())).anyMatch(OPERATOR_LABELS::contains);
                if (!operatorPods && r.workloadsSelectedBy(selector).isEmpty()) {
                    errors.add(Kustomize.id(policy) + ": " + selector + " selects no pod");
                }
                for (JsonNode expression : selector.path("matchExpressions")) {
                    for (JsonNode value : expression.path("values")) {
                        String key = expression.path("key").asText();
                        if (!operatorPods && r.workloads().stream().noneMatch(w -> value.asText().equals(Rendered.podLabels(w).path(key).asText()))) {
                            errors.add(Kustomize.id(policy) + ": no pod has " + key + "=" + value.asText());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), errors);
        assertFalse(r.kind("NetworkPolicy").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void theSearchIndexLivesOnAPersistentVolumePerReplica(String overlay) {
        JsonNode search = Rendered.of(overlay).find("StatefulSet", "search-service").orElseThrow();
        String claim = search.path("spec").path("volumeClaimTemplates").path(0).path("metadata").path("name").asText();
        JsonNode container = Rendered.containers(search).get(0);
        String mount = Rendered.stream(container.path("volumeMounts")).filter(m -> m.path("name").asText().equals(claim))
                .map(m -> m.path("mountPath").asText()).findFirst().orElseThrow();
        String indexDir = Rendered.stream(container.path("env")).filter(e -> e.path("name").asText().equals("CMS_SEARCH_INDEX_DIR"))
                .map(e -> e.path("value").asText()).findFirst().orElseThrow();
        assertTrue(indexDir.startsWith(mount + "/"), indexDir + " is on the volume mounted at " + mount);
    }

    static List<String> secretKey(Rendered r, String overlay, String user, String name, String key) {
        if (EXTERNAL_SECRETS.get(overlay).contains(name)) {
            return List.of();
        }
        return r.find("Secret", name).map(s -> s.path("data").has(key) ? List.<String>of()
                : List.of(user + ": Secret " + name + " has no key " + key))
                .orElse(List.of(user + ": Secret " + name + " is neither in the manifests nor a documented external one"));
    }

    /** The /api paths a service declares (JAX-RS @Path on its resources). */
    static Set<String> apiPaths(String service) {
        Pattern path = Pattern.compile("@Path\\(\"(/(?:api|ghost|studio)(?:/[^\"]*)?)\"\\)");
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(REPOSITORY.resolve(service).resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = path.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Sign-in through an OpenID Connect provider, where an overlay sets it up, is set up whole: the
     * checks post-service makes at start-up (OidcSettings), made here before anything is applied.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-restore", "prod-oidc"})
    void openIdConnectSettingsAreWhole(String overlay) {
        JsonNode data = Rendered.of(overlay).find("ConfigMap", "cms-config").orElseThrow().path("data");
        if (!data.has("CMS_OIDC_ISSUER")) {
            assertFalse("true".equals(data.path("CMS_OIDC_ONLY").asText()), overlay + ": provider only, and no provider:"
                    + " nobody could sign in");
            return;
        }
        List<String> errors = new ArrayList<>();
        if (!data.path("CMS_OIDC_ISSUER").asText().startsWith("https://")) {
            errors.add("CMS_OIDC_ISSUER must be an https URL");
        }
        if (data.path("CMS_OIDC_CLIENT_ID").asText("").isBlank()) {
            errors.add("CMS_OIDC_CLIENT_ID is required with an issuer");
        }
        if (data.path("CMS_OIDC_ROLE_CLAIM").asText("roles").isBlank()) {
            errors.add("CMS_OIDC_ROLE_CLAIM must name the claim that holds the roles");
        }
        String roles = data.path("CMS_OIDC_ROLES").asText("");
        if (!roles.matches("\\s*[^=,\\s][^=,]*=\\s*(admin|editor|author|contributor)\\s*(,\\s*[^=,\\s][^=,]*=\\s*(admin|editor|author|contributor)\\s*)*")) {
            errors.add("CMS_OIDC_ROLES must map provider roles to admin, editor, author or contributor: " + roles);
        }
        if (!List.of("true", "false").contains(data.path("CMS_OIDC_ONLY").asText("false"))) {
            errors.add("CMS_OIDC_ONLY must be true or false");
        }
        Set<String> read = variablesRead("post-service");
        data.fieldNames().forEachRemaining(key -> {
            if (key.startsWith("CMS_OIDC_") && !read.contains(key)) {
                errors.add(key + " is not a setting post-service reads");
            }
        });
        assertEquals(List.of(), errors, overlay);
    }

    /** The environment variables a service's configuration reads ({@code ${NAME...}}). */
    /** Read by the process's runtime rather than by the application's configuration. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("MALLOC_ARENA_MAX");

    static Set<String> variablesRead(String service) {
        Pattern variable = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
        try {
            Matcher m = variable.matcher(Files.readString(
                    REPOSITORY.resolve(service).resolve("src/main/resources/application.properties")));
            Set<String> out = new TreeSet<>(RUNTIME_VARIABLES);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ingress Prefix matching: whole path segments. */
    private static boolean covers(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
    }

    private static Stream<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out.stream();
    }
}
