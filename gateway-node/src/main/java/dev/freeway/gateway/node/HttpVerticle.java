package dev.freeway.gateway.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicInteger;

/** One event loop's HTTP server; deployed once per core on the same port. */
final class HttpVerticle extends VerticleBase {
    private final Routes routes;
    private final String host;
    private final int port;
    private final AtomicInteger boundPort;

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
                .onSuccess((HttpServer server) -> boundPort.compareAndSet(0, server.actualPort()));
    }
}
