package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway under test as a child JVM, so its CPU time and memory can be read from /proc apart from the
 * generator's. Configured with one unlimited model on the simulator; killed on close and on JVM exit.
 */
final class GatewayProcess implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_KEY = "sk-bench-client-key-0001";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Shutdown is not under test, and the gateway's drain can take its whole 30 s allowance even when idle,
     * so it gets a few seconds after SIGTERM and is then killed.
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final Thread killOnExit;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, Thread killOnExit, int port, Path log) {
        this.process = process;
        this.killOnExit = killOnExit;
        this.port = port;
        this.log = log;
    }

    static GatewayProcess start(Path java, Path jar, String upstreamBaseUrl) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no gateway jar at " + jar.toAbsolutePath() + "; build it or pass --gateway-jar");
        }
        Path dir = Files.createTempDirectory("freeway-bench-");
        int port = freePort();
        Path config = Files.writeString(dir.resolve("gateway.yaml"), config(port, freePort(), upstreamBaseUrl));
        Path log = dir.resolve("gateway.log");
        Process process = new ProcessBuilder(
                        java.toString(), "-Xmx512m", "-jar", jar.toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread killOnExit = new Thread(process::destroy, "gateway-killer");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        GatewayProcess gateway = new GatewayProcess(process, killOnExit, port, log);
        try {
            gateway.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    Target target() {
        return new Target("gateway", HOST, port, CLIENT_KEY, "auto");
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // The hook is running or has run; the process is gone either way.
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("gateway exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Expected while the JVM and the cluster member start.
            }
            Thread.sleep(200);
        }
        throw new IOException("gateway not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static String config(int port, int clusterPort, String upstreamBaseUrl) {
        return String.join(
                "\n",
                "# Written by the benchmark. instances: 0 = one event loop per core.",
                "server: { host: " + HOST + ", port: " + port + ", instances: 0 }",
                "cluster: { name: freeway-bench, port: " + clusterPort + " }",
                "auth: { client_keys: [ { key: \"" + CLIENT_KEY + "\", team: bench } ] }",
                "providers: { sim: { format: openai, base_url: \"" + upstreamBaseUrl
                        + "\", keys: [\"sim-key-000000001\"] } }",
                "models: [ { id: bench-model, provider: sim, score: 50, context_window: 131072 } ]",
                "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
