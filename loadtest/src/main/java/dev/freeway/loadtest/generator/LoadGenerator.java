package dev.freeway.loadtest.generator;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * Drives closed- and open-loop runs over pooled keep-alive HTTP/1.1 connections. Everything runs on one
 * event loop: no locks or thread hops in the timing path, and on a small box the generator takes one
 * core's worth of CPU at most. Each run gets a fresh client, so runs do not share connections.
 */
public final class LoadGenerator implements AutoCloseable {
    /** Open loops need as many connections as requests in flight, which a stall can multiply. */
    private static final int OPEN_LOOP_POOL = 1024;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

    public LoadResult closedLoop(Target target, boolean stream, int clients, Phases phases) {
        return run(target, stream, clients, phases, (call, window) -> ClosedLoop.start(call, window, clients));
    }

    public LoadResult openLoop(Target target, boolean stream, int ratePerSecond, Phases phases) {
        return run(
                target,
                stream,
                OPEN_LOOP_POOL,
                phases,
                (call, window) -> OpenLoop.start(vertx, call, window, ratePerSecond));
    }

    /** Blocks until the run has drained; call it from a plain thread. */
    private LoadResult run(Target target, boolean stream, int poolSize, Phases phases, Loop loop) {
        HttpClientAgent client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
                .with(new PoolOptions().setHttp1MaxSize(poolSize))
                .build();
        try {
            Promise<LoadResult> result = Promise.promise();
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> {
                RunWindow window = new RunWindow(vertx, phases);
                loop.start(new ChatCall(client, target, stream), window);
                window.result().onComplete(result);
            });
            return result.future().await();
        } finally {
            client.close().await();
        }
    }

    @Override
    public void close() {
        vertx.close().await();
    }

    @FunctionalInterface
    private interface Loop {
        void start(ChatCall call, RunWindow window);
    }
}
