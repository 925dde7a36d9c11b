package dev.freeway.loadtest.scenarios;

import dev.freeway.loadtest.generator.Target;
import java.io.IOException;
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
 * generator's. Killed on close and on JVM exit.
 */
final class GatewayProcess implements AutoCloseable {
    /**
     * Shutdown is not under test, and the gateway's drain can take its whole 30 s allowance even when idle,
     * so it gets a few seconds after SIGTERM and is then killed.
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final Thread killOnExit;
    private final NodeConfig config;
    private final Path log;

    private GatewayProcess(Process process, Thread killOnExit, NodeConfig config, Path log) {
        this.process = process;
        this.killOnExit = killOnExit;
        this.config = config;
        this.log = log;
    }

    /** Starts the JVM without waiting for it, so the members of a cluster can start side by side. */
    static GatewayProcess launch(Path java, Path jar, NodeConfig config) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no gateway jar at " + jar.toAbsolutePath() + "; build it or pass --gateway-jar");
        }
        Path dir = Files.createTempDirectory("freeway-bench-");
        Path file = Files.writeString(dir.resolve("gateway.yaml"), config.yaml());
        Path log = dir.resolve("gateway.log");
        Process process = new ProcessBuilder(
                        java.toString(), "-Xmx512m", "-jar", jar.toString(), "--config", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread killOnExit = new Thread(process::destroy, "gateway-killer");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        return new GatewayProcess(process, killOnExit, config, log);
    }

    Target target() {
        return new Target("gateway", config.host(), config.port(), NodeConfig.CLIENT_KEY, "auto");
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

    /** One probe of {@code /health/ready}; fails once the process has exited, as it will not recover. */
    boolean ready(HttpClient http) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IOException("gateway exited with code " + process.exitValue() + "; see " + log);
        }
        HttpRequest ready = HttpRequest.newBuilder(
                        URI.create("http://" + config.host() + ":" + config.port() + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            // Expected while the JVM and the cluster member start.
            return false;
        }
    }
}
