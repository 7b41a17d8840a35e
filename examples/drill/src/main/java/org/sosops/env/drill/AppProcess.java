package org.sosops.env.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One reference-application process started from its jar, with its log in a file. */
final class AppProcess implements AutoCloseable {
    private final Process process;
    private final URI baseUri;
    private final Path log;

    private AppProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    static AppProcess start(Path jar, Map<String, String> environment, int port, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SOSOPS_BIND_ADDRESS", "127.0.0.1");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        AppProcess app = new AppProcess(process, URI.create("http://127.0.0.1:" + port), log);
        app.awaitHealthy(Duration.ofSeconds(30));
        return app;
    }

    URI uri(String path) {
        return baseUri.resolve(path);
    }

    private void awaitHealthy(Duration limit) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the application exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri("/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("the application did not become healthy within " + limit + "; see " + log);
    }

    /**
     * The process's peak resident set size in KiB ({@code VmHWM} of {@code /proc/PID/status}), or
     * -1 where there is no such file (not Linux). Read before the process ends, while it exists.
     */
    long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: the figure is simply not reported
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        long peak = peakRssKib();
        if (peak >= 0) {
            Drill.report("memory", "application on " + baseUri.getPort() + ": peak RSS " + peak / 1024 + " MiB (log " + log.getFileName() + ")");
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
