package io.cms.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM, stopped as the local stack stops a service. */
class ServiceProcessTest {

    @TempDir
    Path app;

    @Test
    void aStoppedServiceSaysItsLastLinesAndKeepsTheArchiveItsRunRecorded() throws Exception {
        Path jar = jar();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(seen, true, StandardCharsets.UTF_8));
        try {
            ServiceProcess service = new ServiceProcess("stand-in", jar, 1, Map.of(), List.of("-Xmx32m"));
            service.start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!seen.toString(StandardCharsets.UTF_8).contains("[stand-in] running")) {
                assertTrue(System.currentTimeMillis() < deadline && service.isAlive(), "the stand-in did not start");
                Thread.sleep(20);
            }
            service.stop();
        } finally {
            System.setOut(out);
        }
        String output = seen.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("[stand-in] stopped cleanly"), "the shutdown's output is read to its end: " + output);
        String archive = ServiceProcess.serviceJava().aotCache() ? ClassArchive.AOT_FILE_NAME : ClassArchive.CDS_FILE_NAME;
        // On Java 25 a second JVM assembles the AOT cache at exit and writes to the same output.
        assertTrue(Files.size(app.resolve(archive)) > 0, archive + " recorded by the first run: " + output);
        try (var left = Files.list(app)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().contains(".tmp")), "no recording left behind");
        }
    }

    /** A runnable jar holding {@link StoppingApp}, as {@code quarkus-run.jar} in its folder. */
    private Path jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StoppingApp.class.getName());
        Path jar = app.resolve("quarkus-run.jar");
        String entry = StoppingApp.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = StoppingApp.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
