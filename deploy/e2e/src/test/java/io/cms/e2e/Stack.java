package io.cms.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cms.local.LocalStack;
import io.cms.local.Ports;

/** The local stack on free ports with its own data under target/, and an HTTP client for it. */
final class Stack implements AutoCloseable {

    static final String TOKEN = "e2e-admin-token";

    private final LocalStack stack;
    private final Api api;
    private final Path data;

    Stack(String name) throws InterruptedException {
        this(name, Map.of());
    }

    /** @param serviceEnvironment extra environment of every service */
    Stack(String name, Map<String, String> serviceEnvironment) throws InterruptedException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (LocalStack.Service s : LocalStack.SERVICES) {
            ports.put(s.name(), Ports.free());
        }
        Path root = Path.of("..", "..").toAbsolutePath().normalize();
        data = Path.of("target", name + "-" + System.nanoTime()).toAbsolutePath();
        stack = new LocalStack(new LocalStack.Settings(root, data, Ports.free(), Ports.free(), ports, TOKEN, "*", false,
                serviceEnvironment));
        api = new Api(stack::port, TOKEN);
        try {
            stack.start();
        } catch (RuntimeException | InterruptedException e) {
            stack.close();
            throw e;
        }
    }

    String url(String service, String path) {
        return api.url(service, path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return api.send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request, java.time.Duration timeout) throws Exception {
        return api.send(request, timeout);
    }

    HttpRequest.Builder request(String service, String path) {
        return api.request(service, path);
    }

    HttpRequest.Builder admin(String service, String path) {
        return api.admin(service, path);
    }

    io.cms.local.KafkaBroker broker() {
        return stack.broker();
    }

    io.cms.local.Postgres postgres() {
        return stack.postgres();
    }

    List<LocalStack.ServiceStats> serviceStats() {
        return stack.serviceStats();
    }

    /** The benchmarks' table of start-up time and resident memory per service, as it stands now. */
    String servicesTable() {
        StringBuilder out = new StringBuilder("Services after the load (start-up to ready | resident memory):");
        for (var st : stack.serviceStats()) {
            out.append(String.format("%n  %-15s %5d ms | %4d MiB", st.name(), st.readyAfterMillis(), st.residentKib() / 1024));
        }
        return out.toString();
    }

    /** The same as the members of a JSON object: {@code "post-service": {"readyMs": …, "residentMiB": …}, …}. */
    String servicesJson() {
        StringBuilder out = new StringBuilder();
        for (var st : stack.serviceStats()) {
            out.append(String.format("%s\"%s\": {\"readyMs\": %d, \"residentMiB\": %d}", out.length() == 0 ? "" : ", ",
                    st.name(), st.readyAfterMillis(), st.residentKib() / 1024));
        }
        return out.toString();
    }

    void restart(String service, boolean crash) throws InterruptedException {
        stack.restart(service, crash);
    }

    void restart(String service, boolean crash, Runnable whileStopped) throws InterruptedException {
        stack.restart(service, crash, whileStopped);
    }

    /** Waits until the condition holds, or fails the test after {@code seconds}. */
    static void awaitTrue(int seconds, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not true within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Where the services keep their data ({@code CMS_DATA_DIR}). */
    Path dataDir() {
        return data;
    }

    @Override
    public void close() {
        stack.close();
    }
}
