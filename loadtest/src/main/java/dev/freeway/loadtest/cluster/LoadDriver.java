package dev.freeway.loadtest.cluster;

import dev.freeway.loadtest.generator.Target;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Client load over the cluster, behaving like a round-robin load balancer in front of it: a node that
 * refuses a connection leaves the rotation and the request goes to the next node (counted as a retry, not
 * a failure, since the refused node never saw it); scenarios take nodes out of and back into the rotation
 * as an LB's health checks would. The generator package drives a single target, so this class keeps its
 * own open loop with the same rule: latency counts from the scheduled send time.
 *
 * <p>Everything touching state runs on one event loop; the public methods hop onto it.
 */
final class LoadDriver implements AutoCloseable {
    private static final String PATH = "/v1/chat/completions";
    private static final int POOL = 1024;
    private static final int CONVERSATIONS = 256;
    /** Covers the wait for a pooled connection too, which a slow node can make long. */
    private static final long CONNECT_TIMEOUT_MS = 5_000;
    /** Bounds the drain: a request that stalls this long is an error, not waited for. */
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Context context = vertx.getOrCreateContext();
    private final HttpClientAgent client;
    private final List<RequestOptions> nodes = new ArrayList<>();
    private final boolean[] inRotation;
    private final Buffer[] chatBodies = bodies(false);
    private final Buffer[] streamBodies = bodies(true);
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Long> connectFailures = new TreeMap<>();
    /**
     * Open connections a node has answered on. A request that fails before its answer on one of them met a
     * server closing a kept-alive connection; on any other, a connection the node accepted but never served.
     */
    private final Set<HttpConnection> answering = new HashSet<>();

    private final CompletableFuture<List<Sample>> drained = new CompletableFuture<>();
    private int cursor;
    private long requests;
    private int inFlight;
    private int loops;
    private boolean stopping;

    LoadDriver(List<Target> targets) {
        client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
                .with(new PoolOptions().setHttp1MaxSize(POOL))
                // A reset already fails the request it broke; unhandled, Vert.x would also log each one.
                .withConnectHandler(connection ->
                        connection.exceptionHandler(ignored -> {}).closeHandler(closed -> answering.remove(connection)))
                .build();
        for (Target target : targets) {
            nodes.add(new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(target.host())
                    .setPort(target.port())
                    .setURI(PATH)
                    .setConnectTimeout(CONNECT_TIMEOUT_MS)
                    .setIdleTimeout(IDLE_TIMEOUT_MS)
                    .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + target.apiKey())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json"));
        }
        inRotation = new boolean[targets.size()];
        Arrays.fill(inRotation, true);
    }

    /** Non-streaming requests at a fixed rate for {@code millis} or until {@link #stop}, whatever the answers do. */
    void openLoop(double ratePerSecond, long millis) {
        context.runOnContext(v -> {
            loops++;
            long start = System.nanoTime();
            long end = start + millis * 1_000_000;
            double nanosPerRequest = 1e9 / ratePerSecond;
            long[] due = {0};
            vertx.setPeriodic(1, timer -> {
                long now = System.nanoTime();
                long intended;
                while ((intended = start + (long) (due[0] * nanosPerRequest)) <= now) {
                    if (intended >= end || stopping) {
                        vertx.cancelTimer(timer);
                        loopEnded();
                        return;
                    }
                    due[0]++;
                    send(false, intended, new boolean[nodes.size()], 0);
                }
            });
        });
    }

    /** {@code concurrency} streams kept open for {@code millis}: each one ended is replaced by a new one. */
    void streams(int concurrency, long millis) {
        context.runOnContext(v -> {
            long end = System.nanoTime() + millis * 1_000_000;
            for (int i = 0; i < concurrency; i++) {
                loops++;
                streamSlot(end);
            }
        });
    }

    void remove(int node) {
        context.runOnContext(v -> inRotation[node] = false);
    }

    void restore(int node) {
        context.runOnContext(v -> inRotation[node] = true);
    }

    /** Ends every loop early. */
    void stop() {
        context.runOnContext(v -> stopping = true);
    }

    /** Why connections failed (each one retried elsewhere), once {@link #finish} has returned. */
    String connectFailureSummary() {
        if (connectFailures.isEmpty()) {
            return "none";
        }
        return connectFailures.entrySet().stream()
                .map(e -> e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    /** Blocks until every loop has stopped sending and every request has ended. */
    List<Sample> finish() {
        return drained.join();
    }

    @Override
    public void close() {
        vertx.close().await();
    }

    private void streamSlot(long end) {
        if (System.nanoTime() >= end || stopping) {
            loopEnded();
            return;
        }
        sendThen(true, System.nanoTime(), new boolean[nodes.size()], 0, () -> streamSlot(end));
    }

    private void send(boolean stream, long intended, boolean[] tried, int retries) {
        sendThen(stream, intended, tried, retries, () -> {});
    }

    private void sendThen(boolean stream, long intended, boolean[] tried, int retries, Runnable after) {
        int node = pick(tried);
        if (node < 0) {
            long now = System.nanoTime();
            samples.add(new Sample(-1, stream, intended, now, now, Sample.Result.ERROR, noNode(retries), retries));
            // A stream slot would otherwise spin on an empty rotation.
            vertx.setTimer(100, id -> {
                after.run();
                finishIfDrained();
            });
            return;
        }
        tried[node] = true;
        inFlight++;
        long sent = System.nanoTime();
        client.request(nodes.get(node)).onComplete(connected -> {
            if (connected.failed()) {
                // Never reached the node, so no work is lost by sending it elsewhere. Only a refusal says
                // nothing listens there any more; a slow connect may just be a busy node.
                Throwable cause = connected.cause();
                if (cause instanceof ConnectException) {
                    inRotation[node] = false;
                }
                connectFailures.merge(label(cause), 1L, Long::sum);
                inFlight--;
                sendThen(stream, intended, tried, retries + 1, after);
                return;
            }
            Buffer[] bodies = stream ? streamBodies : chatBodies;
            HttpConnection connection = connected.result().connection();
            boolean reused = answering.contains(connection);
            connected.result().send(bodies[(int) (requests++ % bodies.length)]).onComplete(answered -> {
                if (answered.failed()) {
                    String error = label(answered.cause()) + (reused ? " (reused connection)" : " (new connection)");
                    ended(node, stream, intended, sent, Sample.Result.ERROR, error, retries, after);
                } else {
                    answering.add(connection);
                    read(answered.result(), node, stream, intended, sent, retries, after);
                }
            });
        });
    }

    private void read(
            HttpClientResponse response,
            int node,
            boolean stream,
            long intended,
            long sent,
            int retries,
            Runnable after) {
        int status = response.statusCode();
        response.body().onComplete(body -> {
            Sample.Result result;
            String error = null;
            if (body.failed()) {
                result = Sample.Result.ERROR;
                error = label(body.cause());
            } else if (status == 429) {
                result = Sample.Result.LIMITED;
            } else if (status != 200) {
                result = Sample.Result.ERROR;
                error = "HTTP " + status;
            } else if (stream && !body.result().toString().contains("[DONE]")) {
                result = Sample.Result.ERROR;
                error = "stream without [DONE]";
            } else {
                result = Sample.Result.OK;
            }
            ended(node, stream, intended, sent, result, error, retries, after);
        });
    }

    private void ended(
            int node,
            boolean stream,
            long intended,
            long sent,
            Sample.Result result,
            String error,
            int retries,
            Runnable after) {
        inFlight--;
        record(new Sample(node, stream, intended, sent, System.nanoTime(), result, error, retries), after);
    }

    private void record(Sample sample, Runnable after) {
        samples.add(sample);
        after.run();
        finishIfDrained();
    }

    private void loopEnded() {
        loops--;
        finishIfDrained();
    }

    private void finishIfDrained() {
        if (loops == 0 && inFlight == 0) {
            drained.complete(List.copyOf(samples));
        }
    }

    private int pick(boolean[] tried) {
        for (int i = 0; i < nodes.size(); i++) {
            int node = cursor++ % nodes.size();
            if (inRotation[node] && !tried[node]) {
                return node;
            }
        }
        return -1;
    }

    private static String noNode(int retries) {
        return retries == 0 ? "no node in rotation" : "no node accepted a connection";
    }

    private static String label(Throwable cause) {
        String message = cause.getMessage();
        if (message != null && message.length() > 60) {
            message = message.substring(0, 60) + "…";
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Distinct conversations, as in the generator: the gateway keys sticky sessions by a conversation's
     * opening, and one repeated prompt would put every cluster write on one partition.
     */
    private static Buffer[] bodies(boolean stream) {
        Buffer[] bodies = new Buffer[CONVERSATIONS];
        for (int i = 0; i < CONVERSATIONS; i++) {
            JsonObject message = new JsonObject().put("role", "user").put("content", "hi " + i);
            bodies[i] = new JsonObject()
                    .put("model", "auto")
                    .put("messages", new JsonArray().add(message))
                    .put("stream", stream)
                    .toBuffer();
        }
        return bodies;
    }
}
