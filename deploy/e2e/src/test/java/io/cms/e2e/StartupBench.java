package io.cms.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * Start-up and memory per service: the local stack with the sample corpus (imported, rendered,
 * searchable), then each service stopped and started again alone while the rest runs, as a pod is
 * restarted, {@code bench.rounds} times: milliseconds from the JVM's start to its first ready
 * answer, resident memory then, and resident memory after reading every published post through it
 * (the caches filled). Run with {@code deploy/e2e/bench/startup [rounds]}.
 */
class StartupBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QUERIES = List.of("jekyll", "release", "vim", "haskell", "中国", "人工知能",
            "半導体の輸出", "小程序", "渐进式", "VimConf 2018", "\"GHC 8.8\"", "windows OR docker");

    record Round(long readyMs, long cpuMs, long readyKib, long readKib) {
    }

    @Test
    void startup() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        Map<String, List<Round>> results = new LinkedHashMap<>();
        try (Stack stack = new Stack("startup-bench", Map.of("CMS_RATE_LIMITS", "false"))) {
            BenchContent.Loaded content = BenchContent.load(stack);
            for (LocalStack.Service s : LocalStack.SERVICES) {
                List<Round> measured = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    stack.restart(s.name(), false);
                    LocalStack.ServiceStats ready = stats(stack, s.name());
                    readEverything(stack, s.name(), content);
                    measured.add(new Round(ready.readyAfterMillis(), ready.cpuMillis(), ready.residentKib(),
                            stats(stack, s.name()).residentKib()));
                }
                results.put(s.name(), measured);
            }
            report(content, rounds, results);
        }
    }

    private static LocalStack.ServiceStats stats(Stack stack, String service) {
        return stack.serviceStats().stream().filter(st -> st.name().equals(service)).findFirst().orElseThrow();
    }

    /** Every published post read through the service once (twice for render: JSON and HTML). */
    private static void readEverything(Stack stack, String service, BenchContent.Loaded content) throws Exception {
        List<String> paths = new ArrayList<>();
        switch (service) {
            case "post-service" -> {
                content.published().forEach(id -> paths.add("/api/posts/" + id));
                paths.add("/api/posts?limit=100");
            }
            case "render-service" -> content.published().forEach(id -> {
                paths.add("/api/rendered/" + id);
                paths.add("/api/rendered/" + id + "/html");
            });
            default -> QUERIES.forEach(q -> paths.add("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
        }
        paths.add(service.equals("post-service") ? "/api/posts/" + content.large()
                : service.equals("render-service") ? "/api/rendered/" + content.large() + "/html" : "/api/search/suggest?q=v");
        for (String path : paths) {
            int status = stack.send(stack.request(service, path)).statusCode();
            if (status != 200) {
                throw new AssertionError(service + " " + path + " answered " + status);
            }
        }
    }

    private static void report(BenchContent.Loaded content, int rounds, Map<String, List<Round>> results) throws Exception {
        StringBuilder table = new StringBuilder(String.format("%nStart-up, each service restarted alone %d times with the others"
                + " running (%d posts, 2 cores, services on %s):%n  %-15s %22s %16s %24s %26s%n", rounds, content.created() + 1, LocalStack.serviceJava(), "service",
                "ready ms (median, max)", "CPU ms to ready", "resident MiB when ready", "resident MiB after reads"));
        ObjectNode json = JSON.createObjectNode().put("posts", content.created() + 1).put("rounds", rounds)
                .put("serviceJava", LocalStack.serviceJava());
        ObjectNode services = json.putObject("services");
        results.forEach((name, measured) -> {
            List<Long> ready = sorted(measured.stream().map(Round::readyMs).toList());
            List<Long> cpu = sorted(measured.stream().map(Round::cpuMs).toList());
            List<Long> atReady = sorted(measured.stream().map(r -> r.readyKib() / 1024).toList());
            List<Long> afterReads = sorted(measured.stream().map(r -> r.readKib() / 1024).toList());
            long slowest = ready.get(ready.size() - 1);
            table.append(String.format("  %-15s %14d, %5d %16d %17d (max %d) %19d (max %d)%n", name, median(ready), slowest,
                    median(cpu), median(atReady), atReady.get(atReady.size() - 1), median(afterReads),
                    afterReads.get(afterReads.size() - 1)));
            ObjectNode s = services.putObject(name).put("readyMsMedian", median(ready)).put("readyMsMax", slowest)
                    .put("cpuMsToReadyMedian", median(cpu))
                    .put("residentMiBReady", median(atReady)).put("residentMiBAfterReads", median(afterReads))
                    .put("residentMiBAfterReadsMax", afterReads.get(afterReads.size() - 1));
            ArrayNode each = s.putArray("rounds");
            measured.forEach(r -> each.addObject().put("readyMs", r.readyMs()).put("cpuMsToReady", r.cpuMs())
                    .put("residentMiBReady", r.readyKib() / 1024).put("residentMiBAfterReads", r.readKib() / 1024));
        });
        System.out.println(table);
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("startup.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
