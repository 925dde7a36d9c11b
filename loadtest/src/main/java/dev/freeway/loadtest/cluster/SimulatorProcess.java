package dev.freeway.loadtest.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The provider as its own JVM, so its counters are what the provider saw whatever happens to the gateway
 * processes (and to the generator's JVM).
 */
final class SimulatorProcess implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final String KEY = "sk-sim-key-0001";

    private final ChildProcess process;
    private final int port;

    private SimulatorProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param rpm the provider's limit per key and minute window; 0 = none
     * @param chunkIntervalMs pause before each streamed piece; a reply has a handful of pieces
     */
    static SimulatorProcess start(Path java, Path dir, int rpm, int latencyMs, int chunkIntervalMs)
            throws IOException, InterruptedException {
        int port = Ports.free(List.of(HOST));
        ChildProcess process = ChildProcess.start(
                List.of(
                        java.toString(),
                        "-Xmx512m",
                        "-jar",
                        Jars.loadtest().toString(),
                        "simulator",
                        "--host",
                        HOST,
                        "--port",
                        Integer.toString(port),
                        "--rpm",
                        Integer.toString(rpm),
                        "--latency-ms",
                        Integer.toString(latencyMs),
                        "--chunk-interval-ms",
                        Integer.toString(chunkIntervalMs),
                        "--instances",
                        "2"),
                dir.resolve("simulator.log"));
        SimulatorProcess simulator = new SimulatorProcess(process, port);
        long deadline = System.currentTimeMillis() + 30_000;
        while (Http.status(simulator.statsUrl()) != 200) {
            if (!process.alive() || System.currentTimeMillis() > deadline) {
                simulator.close();
                throw new IOException("simulator did not start; see " + process.log());
            }
            Thread.sleep(100);
        }
        return simulator;
    }

    String baseUrl() {
        return "http://" + HOST + ":" + port + "/v1";
    }

    JsonObject stats() throws IOException, InterruptedException {
        return new JsonObject(Http.body(statsUrl()));
    }

    private String statsUrl() {
        return "http://" + HOST + ":" + port + "/_sim/stats";
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
