package dev.freeway.gateway.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One event loop's HTTP server; deployed once per core on the same port. */
final class HttpVerticle extends VerticleBase {
    /** In-flight requests and streams get this long to finish on SIGTERM, inside Main's 30 s. */
    static final long DRAIN_SECONDS = 25;

    private final Routes routes;
    private final String host;
    private final int port;
    private final AtomicInteger boundPort;
    private HttpServer server;

    HttpVerticle(Routes routes, String host, int port, AtomicInteger boundPort) {
        this.routes = routes;
        this.host = host;
        this.port = port;
        this.boundPort = boundPort;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setMaxHeaderSize(16 * 1024)
                .setMaxInitialLineLength(8 * 1024)
                .setIdleTimeout(120);
        return vertx.createHttpServer(options)
                .requestHandler(routes.build(vertx))
                .listen(port, host)
                .onSuccess((HttpServer listening) -> {
                    server = listening;
                    boundPort.compareAndSet(0, listening.actualPort());
                });
    }

    /** Stops accepting at once, then lets open requests and streams finish before connections close. */
    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(DRAIN_SECONDS, TimeUnit.SECONDS);
    }
}
