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
 * A service's class archive, trained by the service's own first run on this machine: on Java 25 and
 * later an AOT cache (classes loaded and linked, and the method profiles the run gathered: JEP 483,
 * 514, 515), before that an AppCDS archive. An archive made at packaging time only holds the classes
 * loaded before the application starts (about a third of them: no Kafka client, JDBC driver, Flyway
 * or Hibernate runtime), and making one needs the broker and the database, which a build does not
 * have. So a run with no current archive records one when it exits ({@code -XX:AOTCacheOutput} or
 * {@code -XX:ArchiveClassesAtExit}), and the runs after it map it. An archive older than any jar of
 * the build is stale and trained again; the JVM itself ignores an archive that does not match its JDK
 * or class path, and starts without it.
 */
final class ClassArchive {

    static final String CDS_FILE_NAME = "trained-cds.jsa";
    static final String AOT_FILE_NAME = "trained.aot";

    private final Path appDir;
    private final boolean aotCache;
    private Path recording;

    /**
     * @param appDir the {@code quarkus-app} folder the service runs from
     * @param aotCache whether the JVM that runs it has the AOT cache (Java 25 and later)
     */
    ClassArchive(Path appDir, boolean aotCache) {
        this.appDir = appDir;
        this.aotCache = aotCache;
    }

    String fileName() {
        return aotCache ? AOT_FILE_NAME : CDS_FILE_NAME;
    }

    /** JVM options for the next start: map the archive, or record one at exit. */
    List<String> jvmOptions() {
        recording = null;
        if (current()) {
            // Errors only: Java 25 warns at every start about parts of the cache it does not use.
            return aotCache ? List.of("-XX:AOTCache=" + AOT_FILE_NAME, "-Xlog:aot=error")
                    : List.of("-XX:SharedArchiveFile=" + CDS_FILE_NAME, "-Xshare:auto");
        }
        // A name of its own, so that two runs of the same build never write one file.
        recording = appDir.resolve(fileName() + "." + UUID.randomUUID() + ".tmp");
        // Errors only: at exit the JVM warns for each class it cannot keep (proxies, JFR events, ...).
        return aotCache ? List.of("-XX:AOTCacheOutput=" + recording.getFileName(), "-Xlog:aot=error", "-Xlog:cds=error")
                : List.of("-XX:ArchiveClassesAtExit=" + recording.getFileName(), "-Xlog:cds=error");
    }

    /**
     * Whether this start records an archive at exit. Its shutdown takes longer: seconds for AppCDS,
     * about 20 s for an AOT cache (the JVM assembles it in a second JVM before it ends).
     */
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
                Files.move(recording, appDir.resolve(fileName()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(recording);
            }
            // What an AOT recording leaves when its assembly did not finish (JDK 25 names it so).
            Files.deleteIfExists(recording.resolveSibling(recording.getFileName() + ".config"));
        } catch (IOException e) {
            // Without an archive the service only starts slower; the next clean exit records one.
        } finally {
            recording = null;
        }
    }

    boolean current() {
        Path archive = appDir.resolve(fileName());
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
