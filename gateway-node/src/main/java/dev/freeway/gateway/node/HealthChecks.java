package dev.freeway.gateway.node;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Liveness says the process serves HTTP. Readiness says this node should get traffic: the cluster
 * member runs with a quorum, provider keys have been loaded once, and the node is not draining. A
 * node that serves on its last known keys because the secret store cannot be read is ready but
 * says it is degraded, with the reason.
 */
final class HealthChecks {
    private final Supplier<String> unready;
    private final Supplier<String> degraded;
    private volatile boolean draining;
    private final AtomicLong arrivalsWhileDraining = new AtomicLong();

    HealthChecks(Supplier<String> unready, Supplier<String> degraded) {
        this.unready = unready;
        this.degraded = degraded;
    }

    void drain() {
        draining = true;
    }

    /**
     * While draining, every answer asks the client to close its connection, so no idle keep-alive
     * connection is left for a client to send its next request on just as the server closes it;
     * the client's next request opens a new connection, which the load balancer sends elsewhere.
     */
    void closeWhileDraining(RoutingContext ctx) {
        if (draining) {
            // Probes are not traffic: a load balancer polling readiness must not keep the node serving.
            if (!ctx.request().path().startsWith("/health/")) {
                arrivalsWhileDraining.incrementAndGet();
            }
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ctx.next();
    }

    /** Requests other than health probes since draining began: the lame duck lasts until they stop. */
    long arrivalsWhileDraining() {
        return arrivalsWhileDraining.get();
    }

    void live(RoutingContext ctx) {
        ctx.json(new JsonObject().put("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        String reason = draining ? "draining" : unready.get();
        JsonObject body = new JsonObject().put("status", reason == null ? "UP" : "DOWN");
        if (reason != null) {
            body.put("reason", reason);
        }
        String degradedBy = degraded.get();
        if (degradedBy != null) {
            body.put("degraded", degradedBy);
        }
        ctx.response().setStatusCode(reason == null ? 200 : 503);
        ctx.json(body);
    }
}
