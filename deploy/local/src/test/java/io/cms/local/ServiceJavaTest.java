package io.cms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJavaTest {

    @TempDir
    Path jvms;

    @Test
    void theNewestReleaseFrom25OnRunsTheServicesWhenTheStackRunsOn17() throws IOException {
        Path own = jdk("java-17", "17.0.15");
        jdk("temurin-25", "25.0.3");
        Path newest = jdk("temurin-26", "26.0.1");
        jdk("jdk-27-ea", "27-ea");

        ServiceJava chosen = ServiceJava.choose(Map.of(), own, 17, jvms);

        assertEquals(newest.toRealPath(), chosen.home());
        assertEquals(26, chosen.feature());
        assertTrue(chosen.aotCache());
    }

    @Test
    void withoutANewerOneTheStacksOwnJdkRunsThemWithAppCds() throws IOException {
        Path own = jdk("java-17", "17.0.15");
        jdk("java-21", "21.0.4");
        jdk("broken-25", null);

        ServiceJava chosen = ServiceJava.choose(Map.of(), own, 17, jvms);

        assertEquals(own, chosen.home());
        assertFalse(chosen.aotCache());
    }

    @Test
    void anExplicitHomeWinsAndABadOneIsSaidAtOnce() throws IOException {
        Path own = jdk("java-17", "17.0.15");
        jdk("temurin-25", "25.0.3");

        ServiceJava chosen = ServiceJava.choose(Map.of(ServiceJava.HOME_VARIABLE, own.toString()), own, 17, jvms);
        assertEquals(17, chosen.feature());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServiceJava.choose(
                Map.of(ServiceJava.HOME_VARIABLE, jvms.resolve("nowhere").toString()), own, 17, jvms));
        assertTrue(e.getMessage().contains(ServiceJava.HOME_VARIABLE), e.getMessage());
    }

    @Test
    void javaHomeCountsAndTheStacksOwnJdkIsKeptWhenNothingIsNewer() throws IOException {
        Path elsewhere = Files.createDirectories(jvms.resolve("opt"));
        Path home25 = jdk(elsewhere, "jdk-25", "25");
        Path system = Files.createDirectories(jvms.resolve("system"));

        assertEquals(home25.toRealPath(), ServiceJava.choose(Map.of("JAVA_HOME", home25.toString()),
                jdk(system, "java-17", "17.0.2"), 17, system).home());
        Path own25 = jdk(system, "own-25", "25.0.1");
        assertEquals(own25, ServiceJava.choose(Map.of("JAVA_HOME", home25.toString()), own25, 25, system).home(),
                "another 25 is no reason to leave the stack's own JDK");
    }

    private Path jdk(String name, String version) throws IOException {
        return jdk(jvms, name, version);
    }

    /** A JDK home as {@link ServiceJava#of} reads one: an executable bin/java and a release file. */
    private static Path jdk(Path parent, String name, String version) throws IOException {
        Path home = parent.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (version != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }
}
