package dev.freeway.gateway.node;

import dev.freeway.gateway.admin.AdminRouter;
import dev.freeway.gateway.api.UsageReport;
import dev.freeway.gateway.auth.IssuedKeys;
import dev.freeway.gateway.cluster.SharedTable;
import dev.freeway.gateway.config.AdminConfig;
import dev.freeway.gateway.logging.KnownSecrets;
import dev.freeway.gateway.metrics.GatewayMetrics;
import dev.freeway.gateway.metrics.MetricsEndpoint;
import dev.freeway.gateway.routing.TeamPolicy;
import dev.freeway.gateway.secrets.KeyRefresher;
import dev.freeway.gateway.secrets.KeySnapshot;
import dev.freeway.gateway.secrets.local.KeyStoreAdmin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;

/**
 * The admin API on its own listener and port, with its own token: the data plane's client keys
 * never reach it, and a NetworkPolicy can keep the port in-cluster. Small header and line limits:
 * nothing legitimate sends more.
 */
final class AdminListener {
    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final int MAX_LINE_BYTES = 4 * 1024;
    private static final int IDLE_SECONDS = 60;

    private AdminListener() {}

    /** The started server, or null when the admin API is off (no token configured). */
    static Future<HttpServer> start(
            Vertx vertx,
            AdminConfig config,
            KeyRefresher keys,
            IssuedKeys clientKeys,
            TeamPolicy teams,
            SharedTable teamTable,
            UsageReport usage,
            Clock clock,
            GatewayMetrics metrics) {
        if (!config.enabled()) {
            return Future.succeededFuture();
        }
        KnownSecrets.register(config.token());
        KeyStoreAdmin store = keys != null && keys.source() instanceof KeyStoreAdmin writable ? writable : null;
        AdminRouter router = new AdminRouter(
                config.token(),
                store,
                () -> keys == null ? KeySnapshot.empty() : keys.current(),
                clientKeys,
                teams,
                teamTable,
                usage,
                clock,
                new MetricsEndpoint(metrics));
        return vertx.createHttpServer(new HttpServerOptions()
                        .setMaxHeaderSize(MAX_HEADER_BYTES)
                        .setMaxInitialLineLength(MAX_LINE_BYTES)
                        .setIdleTimeout(IDLE_SECONDS))
                .requestHandler(router.build(vertx))
                .listen(config.port(), config.host());
    }
}
