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

/** One CMS service run as a child JVM from its packaged Quarkus jar, its output prefixed with its name. */
final class ServiceProcess {

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private Process process;
    private long startedAt;
    private long readyAfterMillis = -1;

    ServiceProcess(String name, Path jar, int port, Map<String, String> env) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = env;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    void start() {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
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
    boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (status("/q/health/ready") == 200) {
                readyAfterMillis = (System.nanoTime() - startedAt) / 1_000_000;
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Milliseconds from starting the JVM to the first ready answer; -1 before that. */
    long readyAfterMillis() {
        return readyAfterMillis;
    }

    /** Resident memory of the process in KiB (Linux), or -1. */
    long residentKib() {
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

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM first, so Quarkus finishes in-flight requests; a forced kill only if it hangs. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
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

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
