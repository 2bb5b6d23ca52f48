package io.cms.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK the services run on. The services are built for Java 17 and run on any JDK from 17 on;
 * from 25 on the JVM keeps classes loaded and linked, and the method profiles of a training run, in
 * an AOT cache (JEP 483, 514, 515), which starts a service in about two thirds of the time AppCDS on
 * 17 takes on this project (BENCHMARKS.md). So the local stack runs its services on the newest
 * installed release JDK from 25 on when it finds one, and on its own JDK otherwise.
 * {@code CMS_SERVICE_JAVA_HOME} names one explicitly (then nothing is searched).
 */
record ServiceJava(Path home, int feature) {

    static final String HOME_VARIABLE = "CMS_SERVICE_JAVA_HOME";

    /** From this release on, the JVM has the AOT cache. */
    static final int AOT_CACHE_FEATURE = 25;

    /** Where Linux distributions install JDKs side by side. */
    static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)(?:\\.[\\d.]+)?\"\\s*$");

    Path binary() {
        return home.resolve("bin").resolve("java");
    }

    boolean aotCache() {
        return feature >= AOT_CACHE_FEATURE;
    }

    String describe() {
        return "Java " + feature + " (" + home + ")";
    }

    /** The JDK for the services, as described on the class. */
    static ServiceJava choose(Map<String, String> env, Path ownHome, int ownFeature, Path systemJdks) {
        String named = env.get(HOME_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path home = Path.of(named.strip());
            ServiceJava java = of(home).orElseThrow(() -> new IllegalStateException(HOME_VARIABLE + "=" + named
                    + " is not a JDK of release 17 or newer (no bin/java, or no JAVA_VERSION in its release file)"));
            if (java.feature() < 17) {
                throw new IllegalStateException(HOME_VARIABLE + " names Java " + java.feature() + "; the services need 17 or newer");
            }
            return java;
        }
        List<ServiceJava> candidates = new ArrayList<>();
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            of(Path.of(javaHome.strip())).ifPresent(candidates::add);
        }
        if (Files.isDirectory(systemJdks)) {
            try (Stream<Path> homes = Files.list(systemJdks)) {
                homes.sorted().map(ServiceJava::of).flatMap(Optional::stream).forEach(candidates::add);
            } catch (IOException e) {
                // Nothing to choose from there: the stack's own JDK runs the services.
            }
        }
        ServiceJava own = new ServiceJava(ownHome, ownFeature);
        return candidates.stream().filter(ServiceJava::aotCache)
                .max(Comparator.comparingInt(ServiceJava::feature))
                .filter(best -> best.feature() > ownFeature || !own.aotCache())
                .orElse(own);
    }

    /** The JDK running this process. */
    static ServiceJava forServices() {
        return choose(System.getenv(), Path.of(System.getProperty("java.home")), Runtime.version().feature(), SYSTEM_JDKS);
    }

    /**
     * A JDK or JRE home by its {@code release} file: a release build only ({@code 25.0.3}, {@code 25};
     * an early-access {@code 26-ea} is left out), with an executable {@code bin/java}.
     */
    static Optional<ServiceJava> of(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(new ServiceJava(home.toRealPath(), Integer.parseInt(m.group(1)))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
