package io.cms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A service's class-data-sharing archive (AppCDS), trained by the service's own first run on this
 * machine. An archive made at packaging time only holds the classes loaded before the application
 * starts (about a third of them: no Kafka client, JDBC driver, Flyway or Hibernate runtime), and
 * making one needs the broker and the database, which a build does not have. So a run with no
 * current archive records one when it exits ({@code -XX:ArchiveClassesAtExit}), and the runs after
 * it map every class it loaded. An archive older than any jar of the build is stale and trained
 * again; the JVM itself ignores an archive that does not match its JDK or class path.
 */
final class ClassArchive {

    static final String FILE_NAME = "trained-cds.jsa";

    private final Path appDir;
    private Path recording;

    /** @param appDir the {@code quarkus-app} folder the service runs from */
    ClassArchive(Path appDir) {
        this.appDir = appDir;
    }

    /** JVM options for the next start: map the archive, or record one at exit. */
    List<String> jvmOptions() {
        recording = null;
        if (current()) {
            return List.of("-XX:SharedArchiveFile=" + FILE_NAME, "-Xshare:auto");
        }
        // A name of its own, so that two runs of the same build never write one file.
        recording = appDir.resolve(FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        // Errors only: at exit the JVM warns once for each of thousands of classes it cannot keep.
        return List.of("-XX:ArchiveClassesAtExit=" + recording.getFileName(), "-Xlog:cds=error");
    }

    /** Whether this start records an archive at exit (its shutdown takes seconds longer). */
    boolean recording() {
        return recording != null;
    }

    /**
     * After the process ended: keeps what a clean exit recorded, drops what a killed one left.
     * Replacing is atomic, so a start that looks for the archive meanwhile sees a whole one or none.
     */
    void exited(boolean clean) {
        if (recording == null) {
            return;
        }
        try {
            if (clean && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, appDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException e) {
            // Without an archive the service only starts slower; the next clean exit records one.
        } finally {
            recording = null;
        }
    }

    boolean current() {
        Path archive = appDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            FileTime made = Files.getLastModifiedTime(archive);
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .allMatch(jar -> lastModified(jar).compareTo(made) <= 0);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
