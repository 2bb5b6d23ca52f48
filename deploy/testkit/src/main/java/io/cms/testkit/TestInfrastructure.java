package io.cms.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.cms.local.KafkaBroker;
import io.cms.local.Ports;
import io.cms.local.Postgres;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, shared by every test class of a module
 * (starting them costs seconds; sharing them keeps the suite fast). Ports are picked free, so a
 * running local stack or a parallel build never collides, and data lives under {@code target/}.
 */
public final class TestInfrastructure {

    private static TestInfrastructure shared;

    private final KafkaBroker broker;
    private final Postgres postgres;

    private TestInfrastructure(Path dir) {
        this.broker = new KafkaBroker(dir.resolve("kafka"), Ports.free());
        // Benchmarks ask for a durable database so commit figures are honest; tests do not need it.
        this.postgres = new Postgres(dir.resolve("postgres"), Ports.free(), Boolean.getBoolean("cms.test.durable-postgres"));
    }

    /** The shared instance, started on first use. */
    public static synchronized TestInfrastructure shared() {
        if (shared != null) {
            return shared;
        }
        Path dir = Path.of("target", "test-infra").toAbsolutePath();
        deleteRecursively(dir);
        TestInfrastructure infra = new TestInfrastructure(dir);
        infra.postgres.start();
        infra.broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.broker.stop();
            infra.postgres.stop();
        }, "test-infra-shutdown"));
        shared = infra;
        return infra;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Postgres postgres() {
        return postgres;
    }

    /** Deletes a directory and everything in it, if it exists; fails if something cannot be deleted. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
