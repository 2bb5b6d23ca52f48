package io.cms.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole CMS on one machine, in the foreground: PostgreSQL, a Kafka broker, then every service
 * that has been built. Ctrl-C stops the services first, then the broker, then the database.
 *
 * <p>Usage: {@code deploy/local/up} (which builds what is missing and runs this).
 */
public final class LocalStack {

    /** The services, in start order, with their default ports and the database each one owns. */
    private record Service(String name, String portVariable, int defaultPort, String database) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("post-service", "CMS_POST_PORT", 8081, "cms_post"),
            new Service("render-service", "CMS_RENDER_PORT", 8082, "cms_render"),
            new Service("search-service", "CMS_SEARCH_PORT", 8083, null));

    private final Path root;
    private final Path dataDir;
    private final List<ServiceProcess> running = new ArrayList<>();
    private Postgres postgres;
    private KafkaBroker broker;

    private LocalStack(Path root, Path dataDir) {
        this.root = root;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(env("CMS_HOME", ".")).toAbsolutePath().normalize();
        Path dataDir = root.resolve(env("CMS_DATA_DIR", ".cms-data")).normalize();
        LocalStack stack = new LocalStack(root, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("Could not start the CMS: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void start() throws Exception {
        int kafkaPort = intEnv("CMS_KAFKA_PORT", 9092);
        int pgPort = intEnv("CMS_PG_PORT", 15432);
        requireFree("Kafka", kafkaPort, "CMS_KAFKA_PORT");
        requireFree("PostgreSQL", pgPort, "CMS_PG_PORT");
        for (Service s : SERVICES) {
            requireFree(s.name(), intEnv(s.portVariable(), s.defaultPort()), s.portVariable());
        }
        Files.createDirectories(dataDir);
        String token = adminToken();

        log("Starting PostgreSQL on port " + pgPort + " (data in " + dataDir.resolve("postgres") + ")");
        postgres = new Postgres(dataDir.resolve("postgres"), pgPort, true).start();
        log("Starting Kafka on port " + kafkaPort + " (data in " + dataDir.resolve("kafka") + ")");
        broker = new KafkaBroker(dataDir.resolve("kafka"), kafkaPort).start();
        LocalTopics.create(broker.bootstrapServers());

        for (Service s : SERVICES) {
            Path jar = root.resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                log(s.name() + " is not built; skipping it");
                continue;
            }
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("CMS_ADMIN_TOKEN", token);
            env.put("CMS_CORS_ORIGINS", System.getenv().getOrDefault("CMS_CORS_ORIGINS", "*"));
            env.put("CMS_DATA_DIR", dataDir.toString());
            env.put(s.portVariable(), String.valueOf(intEnv(s.portVariable(), s.defaultPort())));
            if (s.database() != null) {
                postgres.ensureDatabase(s.database());
                env.put(dbUrlVariable(s), postgres.jdbcUrl(s.database()));
            }
            ServiceProcess p = new ServiceProcess(s.name(), jar, intEnv(s.portVariable(), s.defaultPort()), env);
            p.start();
            running.add(p);
        }
        for (ServiceProcess p : running) {
            if (!p.awaitReady(120_000)) {
                throw new IllegalStateException(p.name() + " did not become ready; see its output above");
            }
            log(p.name() + " ready at http://localhost:" + p.port() + " (API docs: /q/swagger-ui)");
        }
        log("The CMS is running. Try:");
        log("  curl -H 'Authorization: Bearer <token>' -H 'Content-Type: application/json' \\");
        log("       -d '{\"title\":\"こんにちは\",\"markdown\":\"# Hello\",\"status\":\"published\"}' "
                + "http://localhost:8081/api/posts");
        log("Ctrl-C stops everything; data stays in " + dataDir);
    }

    private synchronized void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stop();
        }
        running.clear();
        if (broker != null) {
            log("Stopping Kafka");
            broker.stop();
            broker = null;
        }
        if (postgres != null) {
            log("Stopping PostgreSQL");
            postgres.stop();
            postgres = null;
        }
    }

    /** CMS_ADMIN_TOKEN if set; else the one kept in the data directory, made and shown once. */
    private String adminToken() throws IOException {
        String fromEnv = System.getenv("CMS_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        Path file = dataDir.resolve("admin-token");
        if (Files.exists(file)) {
            log("Admin token: kept in " + file);
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        log("Generated admin token (shown once; kept in " + file + "):");
        log("  " + token);
        return token;
    }

    private static String dbUrlVariable(Service s) {
        return "CMS_" + s.name().replace("-service", "").toUpperCase() + "_DB_URL";
    }

    private static void requireFree(String what, int port, String variable) {
        if (Ports.inUse(port)) {
            throw new IllegalStateException("Port " + port + " for " + what + " is taken. Stop what uses it, or set "
                    + variable + " to another port.");
        }
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void log(String message) {
        System.out.println("[cms] " + message);
    }
}
