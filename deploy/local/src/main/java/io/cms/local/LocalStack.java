package io.cms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole CMS on one machine: PostgreSQL, a Kafka broker, then every service that has been built.
 * {@link #close()} stops the services first, then the broker, then the database.
 *
 * <p>Usage: {@code deploy/local/up} (which builds what is missing and runs {@link Launcher}); the
 * end-to-end tests start it in-process with {@link Settings} of their own.
 */
public final class LocalStack implements AutoCloseable {

    /** A service: its name (and module folder), its port variable and default, and its database. */
    public record Service(String name, String portVariable, int defaultPort, String database) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service("post-service", "CMS_POST_PORT", 8081, "cms_post"),
            new Service("render-service", "CMS_RENDER_PORT", 8082, "cms_render"),
            new Service("search-service", "CMS_SEARCH_PORT", 8083, null));

    /**
     * Where the stack lives and which ports it uses.
     *
     * @param adminToken null to use the one kept in the data directory (made and shown once)
     * @param durable keep fsync and synchronous commit on in PostgreSQL (off only for tests)
     * @param serviceEnvironment extra environment of every service (tests shorten timings with it)
     */
    public record Settings(Path root, Path dataDir, int kafkaPort, int pgPort, Map<String, Integer> servicePorts,
            String adminToken, String corsOrigins, boolean durable, Map<String, String> serviceEnvironment) {

        public Settings(Path root, Path dataDir, int kafkaPort, int pgPort, Map<String, Integer> servicePorts,
                String adminToken, String corsOrigins, boolean durable) {
            this(root, dataDir, kafkaPort, pgPort, servicePorts, adminToken, corsOrigins, durable, Map.of());
        }

        /** From CMS_HOME, CMS_DATA_DIR, CMS_*_PORT, CMS_ADMIN_TOKEN and CMS_CORS_ORIGINS. */
        public static Settings fromEnvironment() {
            Path root = Path.of(env("CMS_HOME", ".")).toAbsolutePath().normalize();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Service s : SERVICES) {
                ports.put(s.name(), intEnv(s.portVariable(), s.defaultPort()));
            }
            String token = System.getenv("CMS_ADMIN_TOKEN");
            return new Settings(root, root.resolve(env("CMS_DATA_DIR", ".cms-data")).normalize(),
                    intEnv("CMS_KAFKA_PORT", 9092), intEnv("CMS_PG_PORT", 15432), ports,
                    token == null || token.isBlank() ? null : token.strip(), env("CMS_CORS_ORIGINS", "*"), true);
        }
    }

    private final Settings settings;
    private final List<ServiceProcess> running = new ArrayList<>();
    private Postgres postgres;
    private KafkaBroker broker;
    private String token;

    public LocalStack(Settings settings) {
        this.settings = settings;
    }

    /** Whether this service was built and runs. */
    public synchronized boolean isRunning(String service) {
        return running.stream().anyMatch(p -> p.name().equals(service));
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    public String adminToken() {
        return token;
    }

    public int port(String service) {
        return settings.servicePorts().get(service);
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Postgres postgres() {
        return postgres;
    }

    /** Starts everything and returns once every started service reports ready. */
    public void start() throws InterruptedException {
        requireFree("Kafka", settings.kafkaPort(), "CMS_KAFKA_PORT");
        requireFree("PostgreSQL", settings.pgPort(), "CMS_PG_PORT");
        for (Service s : SERVICES) {
            requireFree(s.name(), port(s.name()), s.portVariable());
        }
        Path dataDir = settings.dataDir();
        try {
            Files.createDirectories(dataDir);
            token = settings.adminToken() != null ? settings.adminToken() : AdminToken.kept(dataDir);
            AdminToken.ensureSessionKey(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // Chosen first, so that a bad CMS_SERVICE_JAVA_HOME fails before anything starts.
        log("Services run on " + ServiceProcess.serviceJava().describe()
                + (ServiceProcess.serviceJava().aotCache() ? ", with an AOT cache" : ", with an AppCDS archive")
                + " (" + ServiceJava.HOME_VARIABLE + " chooses another JDK)");
        log("Starting PostgreSQL on port " + settings.pgPort() + " (data in " + dataDir.resolve("postgres") + ")");
        postgres = new Postgres(dataDir.resolve("postgres"), settings.pgPort(), settings.durable()).start();
        log("Starting Kafka on port " + settings.kafkaPort() + " (data in " + dataDir.resolve("kafka") + ")");
        broker = new KafkaBroker(dataDir.resolve("kafka"), settings.kafkaPort()).start();
        LocalTopics.create(broker.bootstrapServers());

        for (Service s : SERVICES) {
            Path jar = settings.root().resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                log(s.name() + " is not built; skipping it");
                continue;
            }
            ServiceProcess p = new ServiceProcess(s.name(), jar, port(s.name()), environment(s));
            p.start();
            running.add(p);
        }
        for (ServiceProcess p : running) {
            if (!p.awaitReady(120_000)) {
                throw new IllegalStateException(p.name() + " did not become ready; see its output above");
            }
            log(p.name() + " ready at http://localhost:" + p.port() + " in " + p.readyAfterMillis() + " ms (API docs: /q/swagger-ui)");
        }
    }

    private Map<String, String> environment(Service s) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("CMS_ADMIN_TOKEN", token);
        env.put("CMS_CORS_ORIGINS", settings.corsOrigins());
        env.put("CMS_DATA_DIR", settings.dataDir().toString());
        env.put(s.portVariable(), String.valueOf(port(s.name())));
        // Webhook payloads link to the services as a developer reaches them, and a receiver on this
        // machine (a loopback address, refused in production) must work out of the box.
        env.put("CMS_PUBLIC_POST_URL", "http://localhost:" + port("post-service"));
        env.put("CMS_PUBLIC_RENDER_URL", "http://localhost:" + port("render-service"));
        env.put("CMS_POST_INTERNAL_URL", "http://localhost:" + port("post-service"));
        env.put("CMS_RENDER_INTERNAL_URL", "http://localhost:" + port("render-service"));
        env.put("CMS_SEARCH_INTERNAL_URL", "http://localhost:" + port("search-service"));
        env.put("CMS_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "*");
        env.putAll(settings.serviceEnvironment());
        if (s.database() != null) {
            postgres.ensureDatabase(s.database());
            env.put("CMS_" + s.name().replace("-service", "").toUpperCase() + "_DB_URL", postgres.jdbcUrl(s.database()));
        }
        return env;
    }

    /** The JDK the services run on, e.g. for a benchmark's record: "Java 25 (/usr/lib/jvm/...)". */
    public static String serviceJava() {
        return ServiceProcess.serviceJava().describe();
    }

    /**
     * Per running service: milliseconds from JVM start to ready, resident memory in KiB, and the
     * CPU time its process has used so far in milliseconds (all its threads: JIT, GC, the app).
     */
    public record ServiceStats(String name, long readyAfterMillis, long residentKib, long cpuMillis) {
    }

    public synchronized List<ServiceStats> serviceStats() {
        return running.stream().map(p -> new ServiceStats(p.name(), p.readyAfterMillis(), p.residentKib(), p.cpuMillis())).toList();
    }

    /**
     * Stops one service and starts it again on the same port and data, waiting until it is ready.
     *
     * @param crash kill it at once (like {@code kill -9}) instead of letting it shut down
     */
    public synchronized void restart(String service, boolean crash) throws InterruptedException {
        restart(service, crash, () -> { });
    }

    /** The same, doing {@code whileStopped} (to its data, say) before it starts again. */
    public synchronized void restart(String service, boolean crash, Runnable whileStopped) throws InterruptedException {
        ServiceProcess p = running.stream().filter(r -> r.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(service + " is not running"));
        if (crash) {
            p.kill();
        } else {
            p.stop();
        }
        whileStopped.run();
        p.start();
        if (!p.awaitReady(120_000)) {
            throw new IllegalStateException(service + " did not become ready after a restart");
        }
    }

    @Override
    public synchronized void close() {
        // All at once: each shutdown (and a first run's class archive) takes seconds.
        running.forEach(ServiceProcess::requestStop);
        running.forEach(ServiceProcess::awaitStopped);
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

    private static void requireFree(String what, int port, String variable) {
        if (Ports.inUse(port)) {
            throw new IllegalStateException("Port " + port + " for " + what + " is taken. Stop what uses it, or set "
                    + variable + " to another port.");
        }
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(v.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + v + "'");
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void log(String message) {
        System.out.println("[cms] " + message);
    }
}
