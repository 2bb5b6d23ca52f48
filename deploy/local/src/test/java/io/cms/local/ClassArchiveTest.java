package io.cms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @TempDir
    Path app;

    @Test
    void aBuildWithoutAnArchiveRecordsOneAndTheNextStartMapsIt() throws IOException {
        jar("quarkus-run.jar", Instant.now().minusSeconds(60));
        ClassArchive archive = new ClassArchive(app, false);

        Path recorded = recordAndWrite(archive);
        archive.exited(true);

        assertFalse(Files.exists(recorded), "the recording is renamed, not copied");
        assertTrue(Files.isRegularFile(app.resolve(ClassArchive.CDS_FILE_NAME)));
        assertEquals(List.of("-XX:SharedArchiveFile=" + ClassArchive.CDS_FILE_NAME, "-Xshare:auto"), archive.jvmOptions());
        assertFalse(archive.recording());
    }

    @Test
    void aJarRebuiltAfterTheArchiveMakesItStale() throws IOException {
        Files.writeString(app.resolve(ClassArchive.CDS_FILE_NAME), "archive");
        Files.setLastModifiedTime(app.resolve(ClassArchive.CDS_FILE_NAME), FileTime.from(Instant.now().minusSeconds(60)));
        jar("lib/main/a.jar", Instant.now().minusSeconds(120));
        assertTrue(new ClassArchive(app, false).current());

        jar("lib/main/b.jar", Instant.now());

        ClassArchive archive = new ClassArchive(app, false);
        assertFalse(archive.current());
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aKilledRunLeavesNoArchiveBehind() throws IOException {
        jar("quarkus-run.jar", Instant.now().minusSeconds(60));
        ClassArchive archive = new ClassArchive(app, false);

        Path recorded = recordAndWrite(archive);
        archive.exited(false);

        assertFalse(Files.exists(recorded));
        assertFalse(Files.exists(app.resolve(ClassArchive.CDS_FILE_NAME)));
        assertTrue(archive.jvmOptions().get(0).startsWith("-XX:ArchiveClassesAtExit="), "the next run records again");
    }

    @Test
    void onJava25AndLaterTheArchiveIsAnAotCacheRecordedAtExit() throws IOException {
        jar("quarkus-run.jar", Instant.now().minusSeconds(60));
        ClassArchive archive = new ClassArchive(app, true);

        List<String> recording = archive.jvmOptions();
        assertTrue(recording.get(0).startsWith("-XX:AOTCacheOutput=" + ClassArchive.AOT_FILE_NAME + "."), recording.toString());
        assertTrue(recording.contains("-Xlog:aot=error"), "the JVM's warnings for each class it skips stay out of the log");
        Path recorded = recordAndWrite(archive, recording);
        archive.exited(true);

        assertFalse(Files.exists(recorded));
        assertEquals(List.of("-XX:AOTCache=" + ClassArchive.AOT_FILE_NAME, "-Xlog:aot=error"), archive.jvmOptions());
        assertFalse(new ClassArchive(app, false).current(), "an AppCDS run does not take the AOT cache for its archive");
    }

    /** Starts a recording run and writes what the JVM would write at its exit. */
    private Path recordAndWrite(ClassArchive archive) throws IOException {
        return recordAndWrite(archive, archive.jvmOptions());
    }

    private Path recordAndWrite(ClassArchive archive, List<String> options) throws IOException {
        assertTrue(archive.recording());
        String file = options.get(0).substring(options.get(0).indexOf('=') + 1);
        assertFalse(file.contains("/"), "relative to the folder the service runs from");
        Path recorded = app.resolve(file);
        Files.writeString(recorded, "archive");
        return recorded;
    }

    private void jar(String path, Instant modified) throws IOException {
        Path jar = app.resolve(path);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(modified));
    }
}
