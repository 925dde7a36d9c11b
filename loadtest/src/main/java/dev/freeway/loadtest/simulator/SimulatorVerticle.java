package dev.freeway.loadtest.simulator;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.function.IntConsumer;

/** One HTTP server; the simulator deploys {@code instances} of them on one port, each on its own event loop. */
final class SimulatorVerticle extends VerticleBase {
    private final HttpServerOptions serverOptions;
    private final SocketAddress address;
    private final Handler<HttpServerRequest> router;
    private final IntConsumer onListening;

    SimulatorVerticle(
            HttpServerOptions serverOptions,
            SocketAddress address,
            Handler<HttpServerRequest> router,
            IntConsumer onListening) {
        this.serverOptions = serverOptions;
        this.address = address;
        this.router = router;
        this.onListening = onListening;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(serverOptions)
                .requestHandler(router)
                .listen(address)
                .onSuccess(server -> onListening.accept(server.actualPort()));
    }
}
