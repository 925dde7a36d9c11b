package dev.freeway.loadtest.cluster;

import dev.freeway.loadtest.generator.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One gateway node: its config, its current JVM, and the signals a scenario sends it. Restartable. */
final class NodeProcess implements AutoCloseable {
    static final String CLIENT_KEY = "sk-scenario-client-0001";
    /** Hazelcast logs the member list on every change; the last one is the member's current view. */
    private static final Pattern MEMBERS = Pattern.compile("Members \\{size:(\\d+)");

    private final int index;
    private final String host;
    private final int port;
    private final Path java;
    private final Path jar;
    private final Path config;
    private final Path logback;
    private final Path log;
    private ChildProcess process;
    private boolean stopRequested;
    private int unexpectedExits;

    NodeProcess(int index, String host, int port, Path java, Path jar, Path config, Path logback, Path log) {
        this.index = index;
        this.host = host;
        this.port = port;
        this.java = java;
        this.jar = jar;
        this.config = config;
        this.logback = logback;
        this.log = log;
    }

    String host() {
        return host;
    }

    void start() throws IOException {
        process = ChildProcess.start(
                List.of(
                        java.toString(),
                        "-Xmx512m",
                        "-Dlogback.configurationFile=" + logback,
                        "-jar",
                        jar.toString(),
                        "--config",
                        config.toString()),
                log);
    }

    String name() {
        return "node" + (index + 1);
    }

    Target target() {
        return new Target(name(), host, port, CLIENT_KEY, "auto");
    }

    boolean alive() {
        return process.alive();
    }

    boolean ready() {
        return Http.status("http://" + host + ":" + port + "/health/ready") == 200;
    }

    void awaitReady(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!ready()) {
            if (!process.alive()) {
                throw new IOException(name() + " exited with " + process.exitValue() + "; see " + log);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException(name() + " not ready after " + timeoutMillis + " ms; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Members in this node's view of the cluster, from its log; 0 before it has joined. */
    int clusterSize() throws IOException {
        Matcher matcher = MEMBERS.matcher(Files.readString(log));
        int size = 0;
        while (matcher.find()) {
            size = Integer.parseInt(matcher.group(1));
        }
        return size;
    }

    /** SIGKILL. */
    void kill() {
        noteIfDead();
        stopRequested = true;
        process.kill();
    }

    /** SIGTERM: the gateway drains, then exits. */
    void terminate() {
        noteIfDead();
        stopRequested = true;
        process.terminate();
    }

    void signal(String signal) throws IOException, InterruptedException {
        process.signal(signal);
    }

    /** True if it exited within the timeout. */
    boolean awaitExit(long millis) throws InterruptedException {
        return process.awaitExit(millis);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** A fresh JVM on the same config, once the last one is gone. */
    void restart() throws IOException, InterruptedException {
        process.close();
        stopRequested = false;
        start();
    }

    /**
     * Whether a JVM of this node ended without the scenario asking: a crash, or a signal from outside the
     * run (another process on the box), which would make the run's figures meaningless.
     */
    boolean exitedUnexpectedly() {
        noteIfDead();
        return unexpectedExits > 0;
    }

    private void noteIfDead() {
        if (!stopRequested && !process.alive()) {
            stopRequested = true;
            unexpectedExits++;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }
}
