package dev.freeway.loadtest.simulator;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake LLM upstream with real rate-limit behaviour and injectable failures. It speaks OpenAI's chat
 * completions and, on the same port, Gemini's, Anthropic's and Cohere's native APIs and Cloudflare's
 * account path (see {@link ApiFormat}); the limits, failures and answers are the same whichever a request
 * uses. Start it in-process for gateway tests or through {@link SimulatorMain} for benchmarks. The start
 * methods block, so call them from a test or main thread, never from an event loop.
 */
public final class ProviderSimulator implements AutoCloseable {
    /**
     * Vert.x gives every server on port 0 its own random port, so the instances listen on a shared random
     * port instead; a fresh id per simulator keeps simulators on one Vert.x apart.
     */
    private static final AtomicInteger SHARED_RANDOM_PORT_IDS = new AtomicInteger();

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final SimulatorOptions options;
    private final Behaviour behaviour;
    private final SimulatorStats stats;
    private final Runnable reset;
    private final String deploymentId;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderSimulator(
            Vertx vertx,
            boolean ownsVertx,
            SimulatorOptions options,
            Behaviour behaviour,
            SimulatorStats stats,
            Runnable reset,
            String deploymentId,
            int port) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.options = options;
        this.behaviour = behaviour;
        this.stats = stats;
        this.reset = reset;
        this.deploymentId = deploymentId;
        this.port = port;
    }

    /** Starts on a Vert.x instance of its own, which {@link #close()} closes. */
    public static ProviderSimulator start(SimulatorOptions options) {
        Vertx vertx = Vertx.vertx();
        try {
            return start(vertx, true, options);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts on the caller's Vert.x instance, which {@link #close()} leaves running. */
    public static ProviderSimulator start(Vertx vertx, SimulatorOptions options) {
        return start(vertx, false, options);
    }

    private static ProviderSimulator start(Vertx vertx, boolean ownsVertx, SimulatorOptions options) {
        Behaviour behaviour = new Behaviour(options.failureMode(), options.latency());
        RateLimiter limiter = new RateLimiter(options.rpm(), options.rpd(), options.tpm(), options.tpd());
        SimulatorStats stats = new SimulatorStats();
        Runnable reset = () -> {
            stats.reset();
            limiter.reset();
        };
        AtomicLong sequence = new AtomicLong();
        Map<ApiFormat, Handler<HttpServerRequest>> chat = new EnumMap<>(ApiFormat.class);
        for (WireDialect dialect : List.of(
                new OpenAiDialect(ApiFormat.OPENAI),
                new GeminiDialect(),
                new AnthropicDialect(),
                new CohereDialect(),
                new OpenAiDialect(ApiFormat.CLOUDFLARE))) {
            chat.put(dialect.format(), new ChatHandler(vertx, options, behaviour, limiter, stats, sequence, dialect));
        }
        SimulatorRouter router = new SimulatorRouter(
                chat,
                stats,
                reset,
                options.name(),
                options.models(),
                options.clock().millis() / 1000);
        HttpServerOptions server = new HttpServerOptions()
                // HTTP/1.1 only: with h2c multiplexing, RESET and STREAM_CUT would kill unrelated requests.
                .setHttp2ClearTextEnabled(false)
                // Clients that send large prompts with "Expect: 100-continue" would otherwise stall.
                .setHandle100ContinueAutomatically(true);
        SocketAddress address = options.port() == 0
                ? SocketAddress.sharedRandomPort(SHARED_RANDOM_PORT_IDS.incrementAndGet(), options.host())
                : SocketAddress.inetSocketAddress(options.port(), options.host());
        AtomicInteger port = new AtomicInteger();
        String deploymentId;
        try {
            deploymentId = vertx.deployVerticle(
                            () -> new SimulatorVerticle(server, address, router, port::set),
                            new DeploymentOptions().setInstances(options.instances()))
                    .await();
        } catch (Exception e) {
            // await() rethrows checked causes such as BindException undeclared; callers get one unchecked type.
            throw new IllegalStateException("simulator " + options.name() + " cannot listen on " + address, e);
        }
        return new ProviderSimulator(vertx, ownsVertx, options, behaviour, stats, reset, deploymentId, port.get());
    }

    public int port() {
        return port;
    }

    /** The OpenAI base URL, to which {@code /chat/completions} is appended. */
    public String baseUrl() {
        return baseUrl(ApiFormat.OPENAI);
    }

    /**
     * Where a client of {@code format} points, as that platform's catalog entry would: append {@code
     * /chat/completions} (OpenAI, Cloudflare), {@code /models/{model}:generateContent} (Gemini), {@code
     * /messages} (Anthropic) or {@code /chat} (Cohere). Cloudflare's keeps the {@code {account}} placeholder
     * for the client to fill in.
     */
    public String baseUrl(ApiFormat format) {
        String root = "http://" + options.host() + ":" + port;
        return switch (format) {
            case OPENAI, ANTHROPIC -> root + "/v1";
            case GEMINI -> root + "/v1beta";
            case COHERE -> root + "/v2";
            case CLOUDFLARE -> root + "/client/v4/accounts/{account}/ai/v1";
        };
    }

    /** The live counters. */
    public SimulatorStats stats() {
        return stats;
    }

    public void failureMode(FailureMode mode) {
        behaviour.failureMode(mode);
    }

    /** The next {@code count} requests fail with {@code mode}; then the failure mode applies again. */
    public void failNext(FailureMode mode, int count) {
        behaviour.failNext(mode, count);
    }

    public void latency(Duration latency) {
        behaviour.latency(latency);
    }

    /** Zeroes the counters, forgets the per-minute traffic and empties every rate window. */
    public void reset() {
        reset.run();
    }

    /** Stops listening and closes every connection, which also releases hanging requests. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ownsVertx) {
            vertx.close().await();
        } else {
            vertx.undeploy(deploymentId).await();
        }
    }
}
