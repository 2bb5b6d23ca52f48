package io.cms.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line of {@code deploy/local/up}: runs the {@link LocalStack} in the foreground until
 * Ctrl-C, imports a Jekyll {@code _posts} folder first if asked, and shows where everything is.
 */
public final class Launcher {

    private Launcher() {
    }

    /**
     * Runs the stack in the foreground until Ctrl-C.
     *
     * @param args {@code --import DIR} imports a Jekyll {@code _posts} folder once everything is ready
     */
    public static void main(String[] args) throws Exception {
        Path importDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--import") && i + 1 < args.length) {
                importDir = Path.of(args[++i]).toAbsolutePath().normalize();
                if (!Files.isDirectory(importDir)) {
                    fail("--import " + args[i] + ": no such folder");
                }
            } else {
                fail("Unknown argument " + args[i] + ". Usage: deploy/local/up [--build] [--import DIR]");
            }
        }
        LocalStack stack;
        try {
            stack = new LocalStack(LocalStack.Settings.fromEnvironment());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            fail("Could not start the CMS: " + e.getMessage());
        }
        if (importDir != null) {
            LocalStack.log("Importing the Markdown posts under " + importDir + " ...");
            JekyllImport.Report report = JekyllImport.importFolder(importDir,
                    "http://localhost:" + stack.port("post-service"), stack.adminToken());
            LocalStack.log(String.format("Imported %d files: %d created, %d updated, %d unchanged, %d failed", report.files(),
                    report.created(), report.updated(), report.unchanged(), report.failed()));
            report.failures().forEach(f -> LocalStack.log("  failed: " + f));
        }
        printWelcome(stack);
        Thread.currentThread().join();
    }

    /** The URLs, the admin token and a first request to try. */
    private static void printWelcome(LocalStack stack) {
        String post = "http://localhost:" + stack.port("post-service");
        LocalStack.log("");
        LocalStack.log("The CMS is running.");
        for (LocalStack.Service s : LocalStack.SERVICES) {
            if (stack.isRunning(s.name())) {
                LocalStack.log(String.format("  %-15s http://localhost:%d/api   (API docs: /q/swagger-ui, health: /q/health)",
                        s.name(), stack.port(s.name())));
            }
        }
        String token = stack.adminToken();
        LocalStack.log("  Admin token:    " + token);
        LocalStack.log("Try:");
        LocalStack.log("  curl -H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json' \\");
        LocalStack.log("       -d '{\"title\":\"こんにちは\",\"markdown\":\"# Hello\\n\\nFirst post.\",\"status\":\"published\"}' "
                + post + "/api/posts");
        LocalStack.log("  curl 'http://localhost:" + stack.port("search-service") + "/api/search?q=hello'");
        LocalStack.log("  curl http://localhost:" + stack.port("render-service") + "/api/rendered/<slug>/html");
        LocalStack.log("A staff account (the first owner; then sign in with POST /api/session, README \"A first session\"):");
        LocalStack.log("  curl -H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json' \\");
        LocalStack.log("       -d '{\"email\":\"me@example.com\",\"name\":\"Me\",\"role\":\"owner\",\"password\":\"<12 or more characters>\"}' "
                + post + "/api/users");
        LocalStack.log("Then the studio, for writers: " + post + "/studio/ (sign in with that address and password)");
        LocalStack.log("Ctrl-C stops everything; data stays in " + stack.dataDir());
    }

    private static void fail(String message) {
        System.err.println("[cms] " + message);
        System.exit(1);
    }
}
