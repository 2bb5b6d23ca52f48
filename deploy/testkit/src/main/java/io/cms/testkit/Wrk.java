package io.cms.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load from wrk (Debian package {@code wrk}), two threads, for the benches: one URL, or a list of
 * paths taken in turn (a Lua script), each run after a short unmeasured warm-up.
 */
public final class Wrk {

    /** One run: requests per second, latency percentiles in ms, and failed requests. */
    public record Load(double perSecond, double p50, double p99, long errors) {
    }

    private Wrk() {
    }

    /** Runs wrk against one URL (with request headers, if any). */
    public static Load run(String url, int seconds, int connections, String... headers) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections));
        for (String h : headers) {
            command.addAll(List.of("-H", h));
        }
        return measure(command, url, seconds);
    }

    /**
     * Runs wrk over {@code paths} of {@code base}, each connection's requests taking them in turn.
     * With {@code unique}, every request appends {@code uniqueSuffix} and a number no other request
     * has (per thread and request), so that no answer can come from a cache keyed by the URL.
     */
    public static Load rotating(String base, List<String> paths, String uniqueSuffix, int seconds, int connections)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-paths", ".lua");
        try {
            String list = paths.stream().map(p -> "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(",\n  "));
            String suffix = uniqueSuffix == null ? "\"\"" : "\"" + uniqueSuffix + "\" .. id .. \"x\" .. n";
            Files.writeString(script, """
                    local threads = 0
                    function setup(thread)
                      threads = threads + 1
                      thread:set("id", threads)
                    end
                    paths = {
                      %s
                    }
                    n = 0
                    id = 0
                    function request()
                      n = n + 1
                      return wrk.format("GET", paths[(n %% #paths) + 1] .. %s)
                    end
                    """.formatted(list, suffix), StandardCharsets.UTF_8);
            return measure(new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-s", script.toString())), base, seconds);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Load measure(List<String> command, String url, int seconds) throws IOException, InterruptedException {
        // A short warm-up, not measured: JIT and connection pools.
        List<String> warmUp = new ArrayList<>(command);
        warmUp.addAll(List.of("-d3s", url));
        exec(warmUp);
        command.addAll(List.of("-d" + seconds + "s", "--latency", url));
        String out = exec(command);
        return new Load(number(out, "Requests/sec:\\s+([\\d.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) (optional(out, "Non-2xx or 3xx responses: (\\d+)") + optional(out, "Socket errors: connect (\\d+)")));
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (apt-get install wrk)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return out;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk's output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double optional(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A latency line of wrk's --latency block ("99%  12.34ms"), in ms. */
    private static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + text);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
