package io.cms.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One CMS service run as a child JVM from its packaged Quarkus jar, its output prefixed with its name.
 * Public for benchmarks that measure one service in its own JVM, as it is deployed.
 */
public final class ServiceProcess {

    /**
     * The local stack's JVMs: small heaps, so that three services and the broker fit on a laptop. A
     * heap that starts small grows as the caches fill; one that starts at its maximum has a young
     * generation of 85 MB whose every page becomes resident in the first seconds (70 MiB more at ready).
     */
    static final List<String> LOCAL_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    /** Chosen once per process ({@link #serviceJava()}). */
    private static ServiceJava chosenJava;

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final ServiceJava jdk;
    private final ClassArchive classArchive;
    private Process process;
    private long startedAt;
    private long readyAfterMillis = -1;

    ServiceProcess(String name, Path jar, int port, Map<String, String> env) {
        this(name, jar, port, env, localJvmOptions());
    }

    /** The local stack's options, then any in {@code CMS_SERVICE_JVM_OPTIONS} (a profiler, a larger heap). */
    static List<String> localJvmOptions() {
        List<String> options = new ArrayList<>(LOCAL_JVM_OPTIONS);
        String extra = System.getenv("CMS_SERVICE_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }

    public ServiceProcess(String name, Path jar, int port, Map<String, String> env, List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = env;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.jdk = serviceJava();
        this.classArchive = new ClassArchive(jar.toAbsolutePath().getParent(), jdk.aotCache());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The process id, for tools that look at it from outside (CPU time in /proc, jcmd). */
    public long pid() {
        return process.pid();
    }

    public void start() {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.binary().toString());
        cmd.addAll(jvmOptions);
        // The archive names the class path relative to the jar's folder: run from there.
        cmd.addAll(classArchive.jvmOptions());
        if (classArchive.recording()) {
            System.out.println("[" + name + "] no " + (jdk.aotCache() ? "AOT cache" : "class archive")
                    + " for this build yet: recording one when it stops (once per build; later starts are faster)");
        }
        cmd.addAll(List.of("-jar", jar.getFileName().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(jar.toAbsolutePath().getParent().toFile()).redirectErrorStream(true);
        // glibc's default of 8 malloc arenas per core holds native memory the JVM's few allocating
        // threads never reuse well; two kept 6–11 MiB off each service's resident size here.
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        pb.environment().putAll(env);
        startedAt = System.nanoTime();
        readyAfterMillis = -1;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        Thread pump = new Thread(() -> pump(process), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Waits until the service reports ready on {@code /q/health/ready}, or fails after the timeout. */
    public boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (status("/q/health/ready") == 200) {
                readyAfterMillis = (System.nanoTime() - startedAt) / 1_000_000;
                return true;
            }
            Thread.sleep(50); // fine enough to measure a start-up of a few seconds
        }
        return false;
    }

    /** Milliseconds from starting the JVM to the first ready answer; -1 before that. */
    long readyAfterMillis() {
        return readyAfterMillis;
    }

    /** Resident memory of the process in KiB (Linux), or -1. */
    public long residentKib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** CPU time of the process so far in ms (Linux; user + system, at 100 ticks a second), or -1. */
    public long cpuMillis() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM first, so Quarkus finishes in-flight requests; a forced kill only if it hangs. */
    public void stop() {
        requestStop();
        awaitStopped();
    }

    /** Sends SIGTERM and returns; {@link #awaitStopped()} waits. Lets a stack stop its services together. */
    void requestStop() {
        if (process != null && process.isAlive()) {
            // Through the handle: Process.destroy() also closes our end of its output, so the shutdown's
            // last lines were lost, and the second JVM that assembles an AOT cache at exit died of
            // SIGPIPE on its first line, leaving no cache.
            process.toHandle().destroy();
        }
    }

    /** Waits for the end that {@link #requestStop()} asked for, killing the process if it hangs. */
    void awaitStopped() {
        if (process == null) {
            return;
        }
        boolean clean = false;
        try {
            // Writing the class archive at exit takes seconds on top of the shutdown itself.
            clean = process.waitFor(classArchive.recording() ? 90 : 15, TimeUnit.SECONDS);
            if (!clean) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        classArchive.exited(clean);
    }

    /** Ends the process at once, as a crash or {@code kill -9} would: no shutdown hooks run. */
    void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        classArchive.exited(false);
    }

    private int status(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
                    .openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    private void pump(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println("[" + name + "] " + line);
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    /** The JDK every service of this process runs on, chosen once ({@link ServiceJava}). */
    static synchronized ServiceJava serviceJava() {
        if (chosenJava == null) {
            chosenJava = ServiceJava.forServices();
        }
        return chosenJava;
    }
}
