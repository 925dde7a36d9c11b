package dev.freeway.gateway.provider;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The pooled HTTP client adapters call upstreams with. Each event loop builds its own, so a
 * request and its upstream connection share one thread and no answer hops between loops. It asks
 * for uncompressed answers: they are small, and a compressing provider may hold SSE events back
 * to fill a deflate block, which costs time to first token.
 */
public final class UpstreamClients {
    private static final int CONNECTIONS_PER_HOST = 256;

    private UpstreamClients() {}

    public static HttpClient create(Vertx vertx) {
        return vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setDecompressionSupported(false))
                .with(new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST))
                .build();
    }
}
